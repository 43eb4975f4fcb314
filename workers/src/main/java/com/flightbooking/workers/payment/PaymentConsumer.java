package com.flightbooking.workers.payment;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.flightbooking.events.BookingDetails;
import com.flightbooking.events.BookingRequested;
import com.flightbooking.events.BookingStatusChanged;
import com.flightbooking.events.EventEnvelope;
import com.flightbooking.events.FulfilmentFailed;
import com.flightbooking.events.PaymentRefunded;
import com.flightbooking.events.QueueRole;
import com.flightbooking.workers.partner.IdempotencyKeys;
import com.flightbooking.workers.partner.PartnerRateBudget;
import com.flightbooking.workers.partner.PartnerRateBudgets;
import com.flightbooking.workers.partner.PartnerRejection;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * The payment role: charges a requested booking, refunds it when the seat could not be booked or the booking was
 * cancelled. A failed call fails the handler and the kit retries the event with backoff; the state machine in
 * {@link PaymentService} resumes where the last attempt stopped, with the same idempotency key.
 */
@ApplicationScoped
public class PaymentConsumer {

    private final PaymentService payments;
    private final PaymentProcessorClient processor;
    private final PaymentTokens paymentTokens;
    private final PartnerRateBudget budget;

    PaymentConsumer(PaymentService payments, @RestClient PaymentProcessorClient processor,
            PaymentTokens paymentTokens, PartnerRateBudgets budgets) {
        this.payments = payments;
        this.processor = processor;
        this.paymentTokens = paymentTokens;
        this.budget = budgets.paymentProcessor();
    }

    @Incoming(QueueRole.Names.PAYMENT)
    public Uni<Void> consume(EventEnvelope event) {
        return switch (event.type()) {
            case BOOKING_REQUESTED -> charge(event, event.dataAs(BookingRequested.class));
            case FULFILMENT_FAILED -> {
                FulfilmentFailed failed = event.dataAs(FulfilmentFailed.class);
                yield payments.startRefund(failed.bookingId(), PaymentRefunded.Reason.FULFILMENT_FAILED)
                        .chain(payment -> refund(event, payment, failed.booking(), failed.reason()));
            }
            case BOOKING_STATUS_CHANGED -> {
                BookingStatusChanged changed = event.dataAs(BookingStatusChanged.class);
                yield switch (changed.status()) {
                    case CANCELLED -> cancel(event, changed, PaymentRefunded.Reason.BOOKING_CANCELLED);
                    // The saga's deadline: a cancellation by the system, with its own reason.
                    case EXPIRED -> cancel(event, changed, PaymentRefunded.Reason.BOOKING_EXPIRED);
                    default -> Uni.createFrom().voidItem();
                };
            }
            default -> Uni.createFrom().voidItem();
        };
    }

    private Uni<Void> charge(EventEnvelope event, BookingRequested requested) {
        BookingDetails booking = requested.details();
        return payments.startCharge(requested.bookingId(), booking).chain(payment -> {
            if (payment.status == Payment.Status.REFUNDING
                    && payment.refundReason != PaymentRefunded.Reason.FULFILMENT_FAILED) {
                // Cancelled during the charge, charged, and the refund's call failed: this event resumes it.
                return refund(event, payment, booking, detailOf(payment.refundReason));
            }
            if (payment.status != Payment.Status.CHARGING) {
                Log.debugf("Booking %s is %s: no charge", requested.bookingId(), payment.status);
                return Uni.createFrom().voidItem();
            }
            String paymentToken = paymentTokens.open(requested.bookingId(), requested.paymentTokenRef());
            var request = new PaymentProcessorClient.ChargeRequest(paymentToken, payment.amount, payment.currency,
                    requested.bookingId().toString());
            return budget.permit()
                    .chain(() -> processor.charge(IdempotencyKeys.charge(requested.bookingId()), request))
                    .chain(charge -> payments.charged(event, requested.bookingId(), booking, charge.id()))
                    .onFailure(PartnerRejection.class).recoverWithUni(declined -> payments.declined(event,
                            requested.bookingId(), booking, declined.getMessage()).replaceWith((Payment) null))
                    // After the recovery: a failed refund fails the handler, and the event resumes it.
                    .chain(cancelledMeanwhile -> refund(event, cancelledMeanwhile, booking,
                            cancelledMeanwhile == null ? null : detailOf(cancelledMeanwhile.refundReason)));
        });
    }

    private Uni<Void> cancel(EventEnvelope event, BookingStatusChanged changed, PaymentRefunded.Reason reason) {
        return payments.cancel(changed.bookingId(), changed.booking(), reason)
                .chain(payment -> refund(event, payment, changed.booking(),
                        payment == null ? null : detailOf(payment.refundReason)));
    }

    /** The refund's detail for the customer: why a cancelled or expired booking's money comes back. */
    private static String detailOf(PaymentRefunded.Reason reason) {
        return reason == PaymentRefunded.Reason.BOOKING_EXPIRED ? "booking expired" : "booking cancelled";
    }

    private Uni<Void> refund(EventEnvelope event, Payment payment, BookingDetails booking, String detail) {
        if (payment == null) {
            return Uni.createFrom().voidItem();
        }
        var request = new PaymentProcessorClient.RefundRequest(payment.chargeId, payment.amount, payment.currency,
                payment.bookingId.toString());
        return budget.permit()
                .chain(() -> processor.refund(IdempotencyKeys.refund(payment.bookingId), request))
                .chain(refund -> payments.refunded(event, payment.bookingId, booking, refund.id(), detail));
    }
}
