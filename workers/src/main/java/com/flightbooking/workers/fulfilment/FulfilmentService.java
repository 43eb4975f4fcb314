package com.flightbooking.workers.fulfilment;

import java.time.Clock;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.flightbooking.events.BookingDetails;
import com.flightbooking.events.BookingFulfilled;
import com.flightbooking.events.EventEnvelope;
import com.flightbooking.events.FulfilmentFailed;
import com.flightbooking.events.ReservationCancelled;
import com.flightbooking.kit.outbox.Outbox;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * The reservation state machine ({@link Reservation}), one short locking transaction per step, the outcome and its
 * event committed together; the fulfiller is called between steps.
 */
@ApplicationScoped
public class FulfilmentService {

    static final String EVENT_SOURCE = "/workers/fulfilment";

    private final ReservationRepository reservations;
    private final Outbox outbox;
    private final Clock clock;

    FulfilmentService(ReservationRepository reservations, Outbox outbox, Clock clock) {
        this.reservations = reservations;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Counts one more attempt when the seat is (still) to be booked; any status but RESERVING means nothing to do. */
    @WithTransaction
    public Uni<Reservation> startAttempt(UUID bookingId) {
        return reservations.lockOrCreate(bookingId, Reservation.Status.RESERVING, clock.instant())
                .invoke(reservation -> {
                    if (reservation.status == Reservation.Status.RESERVING) {
                        reservation.attempts++;
                        reservation.updatedAt = clock.instant();
                    }
                });
    }

    /**
     * Records the booked seat and announces it; returns the reservation to cancel now (CANCELLING) when the booking
     * was cancelled while the seat was being booked, otherwise null.
     */
    @WithTransaction
    public Uni<Reservation> reserved(EventEnvelope cause, UUID bookingId, BookingDetails booking,
            String recordLocator) {
        return reservations.lock(bookingId).chain(reservation -> {
            if (reservation.status != Reservation.Status.RESERVING) {
                return Uni.createFrom().nullItem();
            }
            reservation.status = Reservation.Status.RESERVED;
            reservation.recordLocator = recordLocator;
            reservation.updatedAt = clock.instant();
            Log.infof("Seat booked for booking %s on %s: record locator %s", bookingId, booking.flight().number(),
                    recordLocator);
            if (reservation.cancelRequested) {
                reservation.status = Reservation.Status.CANCELLING;
                Log.infof("Booking %s was cancelled while its seat was being booked: releasing it", bookingId);
            }
            // Announced even when released at once: the booking API ignores it for a booking that has ended.
            return outbox.append(cause.followUp(new BookingFulfilled(bookingId, booking, recordLocator),
                    EVENT_SOURCE, reservation.updatedAt))
                    .replaceWith(reservation.cancelRequested ? reservation : null);
        });
    }

    @WithTransaction
    public Uni<Void> failed(EventEnvelope cause, UUID bookingId, BookingDetails booking, String reason) {
        return reservations.lock(bookingId).chain(reservation -> {
            if (reservation.status != Reservation.Status.RESERVING) {
                return Uni.createFrom().voidItem();
            }
            reservation.status = Reservation.Status.FAILED;
            reservation.failureReason = reason;
            reservation.updatedAt = clock.instant();
            // Not the reason, which may quote a partner's answer: it is in the event and the reservation row.
            Log.warnf("Seat not booked for booking %s", bookingId);
            return outbox.append(cause.followUp(new FulfilmentFailed(bookingId, booking, reason), EVENT_SOURCE,
                    reservation.updatedAt));
        });
    }

    /**
     * Cancels the booking's seat: returns the reservation to cancel with the fulfiller (CANCELLING), or null when there
     * is nothing to release now. When no seat is being booked yet, makes sure none ever will be; when one is being
     * booked, records the cancellation, which {@link #reserved} applies when the fulfiller answers.
     */
    @WithTransaction
    public Uni<Reservation> cancel(UUID bookingId) {
        return reservations.lockOrCreate(bookingId, Reservation.Status.CANCELLED, clock.instant())
                .map(reservation -> switch (reservation.status) {
                    case RESERVING -> {
                        if (!reservation.cancelRequested) {
                            reservation.cancelRequested = true;
                            reservation.updatedAt = clock.instant();
                            Log.infof("Booking %s cancelled while its seat is being booked: released once booked",
                                    bookingId);
                        }
                        yield null;
                    }
                    case RESERVED -> {
                        reservation.status = Reservation.Status.CANCELLING;
                        reservation.updatedAt = clock.instant();
                        yield reservation;
                    }
                    case CANCELLING -> reservation;
                    case FAILED, CANCELLED -> null;
                });
    }

    @WithTransaction
    public Uni<Void> cancelled(EventEnvelope cause, UUID bookingId, BookingDetails booking) {
        return reservations.lock(bookingId).chain(reservation -> {
            if (reservation.status != Reservation.Status.CANCELLING) {
                return Uni.createFrom().voidItem();
            }
            reservation.status = Reservation.Status.CANCELLED;
            reservation.updatedAt = clock.instant();
            Log.infof("Seat released for cancelled booking %s (record locator %s)", bookingId,
                    reservation.recordLocator);
            return outbox.append(cause.followUp(new ReservationCancelled(bookingId, booking,
                    reservation.recordLocator), EVENT_SOURCE, reservation.updatedAt));
        });
    }
}
