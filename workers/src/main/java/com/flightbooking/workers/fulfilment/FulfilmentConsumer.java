package com.flightbooking.workers.fulfilment;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.flightbooking.events.BookingDetails;
import com.flightbooking.events.BookingStatusChanged;
import com.flightbooking.events.EventEnvelope;
import com.flightbooking.events.PaymentCharged;
import com.flightbooking.events.QueueRole;
import com.flightbooking.kit.consumer.PermanentFailure;
import com.flightbooking.workers.partner.IdempotencyKeys;
import com.flightbooking.workers.partner.PartnerRateBudget;
import com.flightbooking.workers.partner.PartnerRateBudgets;
import com.flightbooking.workers.partner.PartnerRejection;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * The fulfilment role: books the seat of a paid booking, and gives it back when the booking is cancelled. A refusal
 * by the fulfiller, or failures on {@code flights.fulfilment.max-attempts} attempts in a row, end in
 * {@code FulfilmentFailed}, which the payment role compensates with a refund.
 */
@ApplicationScoped
public class FulfilmentConsumer {

    private final FulfilmentService fulfilment;
    private final TravelFulfillerClient fulfiller;
    private final FulfilmentAttempts attempts;
    private final PartnerRateBudget budget;

    FulfilmentConsumer(FulfilmentService fulfilment, @RestClient TravelFulfillerClient fulfiller,
            FulfilmentAttempts attempts, PartnerRateBudgets budgets) {
        this.fulfilment = fulfilment;
        this.fulfiller = fulfiller;
        this.attempts = attempts;
        this.budget = budgets.travelFulfiller();
    }

    @Incoming(QueueRole.Names.FULFILMENT)
    public Uni<Void> consume(EventEnvelope event) {
        return switch (event.type()) {
            case PAYMENT_CHARGED -> reserve(event, event.dataAs(PaymentCharged.class));
            case BOOKING_STATUS_CHANGED -> {
                BookingStatusChanged changed = event.dataAs(BookingStatusChanged.class);
                // EXPIRED: the saga's deadline, a cancellation by the system.
                yield changed.status() == BookingStatusChanged.Status.CANCELLED
                        || changed.status() == BookingStatusChanged.Status.EXPIRED
                                ? cancel(event, changed)
                                : Uni.createFrom().voidItem();
            }
            default -> Uni.createFrom().voidItem();
        };
    }

    private Uni<Void> reserve(EventEnvelope event, PaymentCharged charged) {
        BookingDetails booking = charged.booking();
        return fulfilment.startAttempt(charged.bookingId()).chain(reservation -> {
            if (reservation.status == Reservation.Status.CANCELLING) {
                // Cancelled while being booked, booked, and the release's call failed: this event resumes it.
                return release(event, reservation, charged.bookingId(), booking);
            }
            if (reservation.status != Reservation.Status.RESERVING) {
                Log.debugf("Booking %s is %s: no reservation", charged.bookingId(), reservation.status);
                return Uni.createFrom().voidItem();
            }
            var flight = booking.flight();
            var request = new TravelFulfillerClient.ReservationRequest(charged.bookingId().toString(),
                    new TravelFulfillerClient.Flight(flight.number(), flight.origin(), flight.destination(),
                            flight.departureTime()),
                    new TravelFulfillerClient.Passenger(booking.passenger().name()));
            return budget.permit()
                    .chain(() -> fulfiller.reserve(IdempotencyKeys.reservation(charged.bookingId()), request))
                    .chain(reserved -> fulfilment.reserved(event, charged.bookingId(), booking,
                            reserved.recordLocator()))
                    .onFailure(PartnerRejection.class).recoverWithUni(refused -> fulfilment.failed(event,
                            charged.bookingId(), booking, "travel fulfiller refused: " + refused.getMessage())
                            .replaceWith((Reservation) null))
                    .onFailure(failure -> !(failure instanceof PermanentFailure)
                            && reservation.attempts >= attempts.max())
                    .recoverWithUni(failure -> fulfilment.failed(event, charged.bookingId(), booking,
                            "travel fulfiller kept failing (" + reservation.attempts + " attempts), last: "
                                    + failure.getMessage())
                            .replaceWith((Reservation) null))
                    // After the recoveries: a failed release fails the handler, and the event resumes it.
                    .chain(cancelledMeanwhile -> release(event, cancelledMeanwhile, charged.bookingId(), booking));
        });
    }

    private Uni<Void> cancel(EventEnvelope event, BookingStatusChanged changed) {
        return fulfilment.cancel(changed.bookingId())
                .chain(reservation -> release(event, reservation, changed.bookingId(), changed.booking()));
    }

    private Uni<Void> release(EventEnvelope event, Reservation reservation, UUID bookingId, BookingDetails booking) {
        return reservation == null
                ? Uni.createFrom().voidItem()
                : budget.permit()
                        .chain(() -> fulfiller.cancel(IdempotencyKeys.reservationCancellation(bookingId),
                                reservation.recordLocator))
                        .chain(() -> fulfilment.cancelled(event, bookingId, booking));
    }
}
