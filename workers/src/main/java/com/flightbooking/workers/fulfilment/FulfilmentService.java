package com.flightbooking.workers.fulfilment;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.flightbooking.events.BookingDetails;
import com.flightbooking.events.BookingFulfilled;
import com.flightbooking.events.EventEnvelope;
import com.flightbooking.events.FulfilmentFailed;
import com.flightbooking.events.ReservationCancelled;
import com.flightbooking.kit.outbox.Outbox;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * The reservation state machine ({@link Reservation}), one short locking transaction per step, the outcome and its
 * event committed together; the fulfiller is called between steps. Starting an attempt is a single statement, which
 * locks the row by itself, and so is recording the booked seat in the usual case (RESERVING, not cancelled meanwhile:
 * {@link Outbox#appendIfWritten}). The transactions are the Vert.x pool's ({@link ReservationRepository} says why), the
 * outbox append on the same connection.
 */
@ApplicationScoped
public class FulfilmentService {

    static final String EVENT_SOURCE = "/workers/fulfilment";

    private final Pool pool;
    private final ReservationRepository reservations;
    private final Outbox outbox;
    private final Clock clock;

    FulfilmentService(Pool pool, ReservationRepository reservations, Outbox outbox, Clock clock) {
        this.pool = pool;
        this.reservations = reservations;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Counts one more attempt when the seat is (still) to be booked; any status but RESERVING means nothing to do. */
    public Uni<Reservation> startAttempt(UUID bookingId) {
        return reservations.startAttempt(pool, bookingId, clock.instant());
    }

    /**
     * Records the booked seat and announces it; returns the reservation to cancel now (CANCELLING) when the booking
     * was cancelled while the seat was being booked, otherwise null.
     */
    public Uni<Reservation> reserved(EventEnvelope cause, UUID bookingId, BookingDetails booking,
            String recordLocator) {
        Instant reservedAt = clock.instant();
        EventEnvelope event = cause.followUp(new BookingFulfilled(bookingId, booking, recordLocator), EVENT_SOURCE,
                reservedAt);
        // The usual case is one statement; a seat cancelled while being booked, or recorded already, takes the lock.
        return outbox.appendIfWritten(pool, reservations.recordSeat(bookingId, recordLocator, reservedAt),
                List.of(event)).chain(written -> {
                    if (written) {
                        Log.infof("Seat booked for booking %s on %s: record locator %s", bookingId,
                                booking.flight().number(), recordLocator);
                        return Uni.createFrom().nullItem();
                    }
                    return reservedUnderLock(bookingId, booking, recordLocator, event);
                });
    }

    /** {@link #reserved} under the lock, announced with {@code event}, the one the single statement would have. */
    private Uni<Reservation> reservedUnderLock(UUID bookingId, BookingDetails booking, String recordLocator,
            EventEnvelope event) {
        return pool.withTransaction(connection -> reservations.lock(connection, bookingId).chain(reservation -> {
            if (reservation.status != Reservation.Status.RESERVING) {
                return Uni.createFrom().nullItem();
            }
            reservation.status = Reservation.Status.RESERVED;
            reservation.recordLocator = recordLocator;
            reservation.updatedAt = event.time();
            Log.infof("Seat booked for booking %s on %s: record locator %s", bookingId, booking.flight().number(),
                    recordLocator);
            if (reservation.cancelRequested) {
                reservation.status = Reservation.Status.CANCELLING;
                Log.infof("Booking %s was cancelled while its seat was being booked: releasing it", bookingId);
            }
            // Announced even when released at once: the booking API ignores it for a booking that has ended.
            return save(connection, reservation, event).replaceWith(reservation.cancelRequested ? reservation : null);
        }));
    }

    public Uni<Void> failed(EventEnvelope cause, UUID bookingId, BookingDetails booking, String reason) {
        return pool.withTransaction(connection -> reservations.lock(connection, bookingId).chain(reservation -> {
            if (reservation.status != Reservation.Status.RESERVING) {
                return Uni.createFrom().voidItem();
            }
            reservation.status = Reservation.Status.FAILED;
            reservation.failureReason = reason;
            reservation.updatedAt = clock.instant();
            // Not the reason, which may quote a partner's answer: it is in the event and the reservation row.
            Log.warnf("Seat not booked for booking %s", bookingId);
            return save(connection, reservation, cause.followUp(new FulfilmentFailed(bookingId, booking, reason),
                    EVENT_SOURCE, reservation.updatedAt));
        }));
    }

    /**
     * Cancels the booking's seat: returns the reservation to cancel with the fulfiller (CANCELLING), or null when there
     * is nothing to release now. When no seat is being booked yet, makes sure none ever will be; when one is being
     * booked, records the cancellation, which {@link #reserved} applies when the fulfiller answers.
     */
    public Uni<Reservation> cancel(UUID bookingId) {
        return pool.withTransaction(connection -> reservations.lockOrCreate(connection, bookingId,
                Reservation.Status.CANCELLED, clock.instant())
                .chain(reservation -> switch (reservation.status) {
                    case RESERVING -> {
                        if (reservation.cancelRequested) {
                            yield Uni.createFrom().nullItem();
                        }
                        reservation.cancelRequested = true;
                        reservation.updatedAt = clock.instant();
                        Log.infof("Booking %s cancelled while its seat is being booked: released once booked",
                                bookingId);
                        yield reservations.update(connection, reservation).replaceWith((Reservation) null);
                    }
                    case RESERVED -> {
                        reservation.status = Reservation.Status.CANCELLING;
                        reservation.updatedAt = clock.instant();
                        yield reservations.update(connection, reservation).replaceWith(reservation);
                    }
                    case CANCELLING -> Uni.createFrom().item(reservation);
                    case FAILED, CANCELLED -> Uni.createFrom().nullItem();
                }));
    }

    public Uni<Void> cancelled(EventEnvelope cause, UUID bookingId, BookingDetails booking) {
        return pool.withTransaction(connection -> reservations.lock(connection, bookingId).chain(reservation -> {
            if (reservation.status != Reservation.Status.CANCELLING) {
                return Uni.createFrom().voidItem();
            }
            reservation.status = Reservation.Status.CANCELLED;
            reservation.updatedAt = clock.instant();
            Log.infof("Seat released for cancelled booking %s (record locator %s)", bookingId,
                    reservation.recordLocator);
            return save(connection, reservation, cause.followUp(new ReservationCancelled(bookingId, booking,
                    reservation.recordLocator), EVENT_SOURCE, reservation.updatedAt));
        }));
    }

    /** The step's outcome and its event, on the step's connection. */
    private Uni<Void> save(SqlConnection connection, Reservation reservation, EventEnvelope event) {
        return reservations.update(connection, reservation).chain(() -> outbox.append(connection, List.of(event)));
    }
}
