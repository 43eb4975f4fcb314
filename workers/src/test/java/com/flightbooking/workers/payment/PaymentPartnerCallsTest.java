package com.flightbooking.workers.payment;

import static com.flightbooking.events.testing.Unis.completes;
import static com.flightbooking.events.testing.Unis.done;
import static com.flightbooking.events.testing.Unis.item;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.math.BigDecimal;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.flightbooking.events.BookingDetails;
import com.flightbooking.events.BookingRequested;
import com.flightbooking.events.BookingStatusChanged;
import com.flightbooking.events.EventEnvelope;
import com.flightbooking.events.PaymentRefunded;
import com.flightbooking.events.testing.SampleEvents;
import com.flightbooking.kit.consumer.PermanentFailure;
import com.flightbooking.workers.partner.IdempotencyKeys;
import com.flightbooking.workers.partner.PartnerRejection;
import com.flightbooking.workers.partner.RateBudgets;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;

/** Which processor calls the payment role makes for each event, and how their answers drive the state machine. */
class PaymentPartnerCallsTest {

    private final PaymentService payments = mock(PaymentService.class);
    private final PaymentProcessorClient processor = mock(PaymentProcessorClient.class);
    private final PaymentConsumer consumer = new PaymentConsumer(payments, processor,
            new PaymentTokens(SampleEvents.PAYMENT_TOKENS), RateBudgets.unlimited());

    private final UUID bookingId = UUID.randomUUID();
    private final BookingDetails booking = SampleEvents.details();
    private final BookingRequested requested = SampleEvents.bookingRequested(bookingId, "tok_visa_4242", booking);
    private final EventEnvelope requestedEvent = SampleEvents.event(requested);

    @Test
    void aRequestedBookingIsChargedWithTheBookingsIdempotencyKeyAndTheChargeIsRecorded() {
        when(payments.startCharge(bookingId, booking)).thenReturn(item(payment(Payment.Status.CHARGING)));
        when(processor.charge(anyString(), any()))
                .thenReturn(item(new PaymentProcessorClient.ChargeResponse("ch_1", "succeeded")));
        when(payments.charged(requestedEvent, bookingId, booking, "ch_1")).thenReturn(Uni.createFrom().nullItem());

        completes(consumer.consume(requestedEvent));

        verify(processor).charge(IdempotencyKeys.charge(bookingId), new PaymentProcessorClient.ChargeRequest(
                "tok_visa_4242", new BigDecimal("499.90"), "EUR", bookingId.toString()));
        verify(payments).charged(requestedEvent, bookingId, booking, "ch_1");
    }

    @Test
    void aTokenReferenceThatDoesNotOpenDeadLettersTheEventWithoutACharge() {
        UUID otherBooking = UUID.randomUUID();
        BookingRequested foreignRef = new BookingRequested(bookingId, booking.passenger(), booking.flight(),
                booking.fare(), SampleEvents.PAYMENT_TOKENS.seal(otherBooking, "tok_visa_4242"), null);
        EventEnvelope event = SampleEvents.event(foreignRef);
        when(payments.startCharge(bookingId, foreignRef.details())).thenReturn(item(payment(Payment.Status.CHARGING)));

        consumer.consume(event).subscribe().withSubscriber(UniAssertSubscriber.create())
                .assertFailedWith(PermanentFailure.class);

        verifyNoInteractions(processor);
    }

    @ParameterizedTest
    @EnumSource(value = Payment.Status.class, names = "CHARGING", mode = EnumSource.Mode.EXCLUDE)
    void aBookingWhosePaymentIsPastChargingIsNotChargedAgain(Payment.Status status) {
        Payment payment = payment(status);
        // A refund for a failed fulfilment is its event's to make; a cancellation's is resumed (below).
        payment.refundReason = status == Payment.Status.REFUNDING ? PaymentRefunded.Reason.FULFILMENT_FAILED : null;
        when(payments.startCharge(bookingId, booking)).thenReturn(item(payment));

        completes(consumer.consume(requestedEvent));

        verifyNoInteractions(processor);
    }

    @Test
    void aRejectedChargeIsRecordedAsDeclinedWithTheProcessorsReason() {
        when(payments.startCharge(bookingId, booking)).thenReturn(item(payment(Payment.Status.CHARGING)));
        when(processor.charge(anyString(), any()))
                .thenReturn(Uni.createFrom().failure(new PartnerRejection("card_declined", "card declined")));
        when(payments.declined(requestedEvent, bookingId, booking, "card declined")).thenReturn(done());

        completes(consumer.consume(requestedEvent));

        verify(payments).declined(requestedEvent, bookingId, booking, "card declined");
        verify(payments, never()).charged(any(), any(), any(), any());
    }

    @Test
    void aChargeThatFailedForAnyOtherReasonFailsTheDeliverySoThatItIsRetried() {
        when(payments.startCharge(bookingId, booking)).thenReturn(item(payment(Payment.Status.CHARGING)));
        when(processor.charge(anyString(), any())).thenReturn(Uni.createFrom().failure(new TimeoutException()));

        consumer.consume(requestedEvent).subscribe().withSubscriber(UniAssertSubscriber.create())
                .assertFailedWith(TimeoutException.class);

        verify(payments, never()).charged(any(), any(), any(), any());
        verify(payments, never()).declined(any(), any(), any(), any());
    }

    @Test
    void aFailedFulfilmentIsRefundedWithTheRefundKeyAndItsReasonAsDetail() {
        EventEnvelope failed = SampleEvents.fulfilmentFailedEvent(bookingId, booking);
        Payment refunding = payment(Payment.Status.REFUNDING);
        refunding.chargeId = "ch_1";
        when(payments.startRefund(bookingId, PaymentRefunded.Reason.FULFILMENT_FAILED)).thenReturn(item(refunding));
        when(processor.refund(anyString(), any()))
                .thenReturn(item(new PaymentProcessorClient.RefundResponse("re_1", "succeeded")));
        when(payments.refunded(failed, bookingId, booking, "re_1", "no seats left")).thenReturn(done());

        completes(consumer.consume(failed));

        verify(processor).refund(IdempotencyKeys.refund(bookingId), new PaymentProcessorClient.RefundRequest("ch_1",
                new BigDecimal("499.90"), "EUR", bookingId.toString()));
        verify(payments).refunded(failed, bookingId, booking, "re_1", "no seats left");
    }

    @Test
    void nothingToRefundMeansNoRefundCall() {
        when(payments.startRefund(bookingId, PaymentRefunded.Reason.FULFILMENT_FAILED))
                .thenReturn(Uni.createFrom().nullItem());

        completes(consumer.consume(SampleEvents.fulfilmentFailedEvent(bookingId, booking)));

        verifyNoInteractions(processor);
    }

    @Test
    void aChargeThatMetACancellationIsRefundedAtOnce() {
        when(payments.startCharge(bookingId, booking)).thenReturn(item(payment(Payment.Status.CHARGING)));
        when(processor.charge(anyString(), any()))
                .thenReturn(item(new PaymentProcessorClient.ChargeResponse("ch_1", "succeeded")));
        Payment refunding = payment(Payment.Status.REFUNDING);
        refunding.chargeId = "ch_1";
        refunding.refundReason = PaymentRefunded.Reason.BOOKING_CANCELLED;
        when(payments.charged(requestedEvent, bookingId, booking, "ch_1")).thenReturn(item(refunding));
        when(processor.refund(anyString(), any()))
                .thenReturn(item(new PaymentProcessorClient.RefundResponse("re_1", "succeeded")));
        when(payments.refunded(requestedEvent, bookingId, booking, "re_1", "booking cancelled")).thenReturn(done());

        completes(consumer.consume(requestedEvent));

        verify(processor).refund(IdempotencyKeys.refund(bookingId), new PaymentProcessorClient.RefundRequest("ch_1",
                new BigDecimal("499.90"), "EUR", bookingId.toString()));
        verify(payments).refunded(requestedEvent, bookingId, booking, "re_1", "booking cancelled");
    }

    @Test
    void aRedeliveredRequestResumesTheRefundOfAChargeThatMetACancellation() {
        Payment refunding = payment(Payment.Status.REFUNDING);
        refunding.chargeId = "ch_1";
        refunding.refundReason = PaymentRefunded.Reason.BOOKING_CANCELLED;
        when(payments.startCharge(bookingId, booking)).thenReturn(item(refunding));
        when(processor.refund(anyString(), any()))
                .thenReturn(item(new PaymentProcessorClient.RefundResponse("re_1", "succeeded")));
        when(payments.refunded(requestedEvent, bookingId, booking, "re_1", "booking cancelled")).thenReturn(done());

        completes(consumer.consume(requestedEvent));

        verify(processor, never()).charge(any(), any());
        verify(payments).refunded(requestedEvent, bookingId, booking, "re_1", "booking cancelled");
    }

    @Test
    void aCancelledBookingIsRefundedWhenItWasCharged() {
        EventEnvelope cancelled = SampleEvents.statusChangedEvent(bookingId, booking,
                BookingStatusChanged.Status.CANCELLED, null, null);
        Payment refunding = payment(Payment.Status.REFUNDING);
        refunding.chargeId = "ch_1";
        when(payments.cancel(bookingId, booking, PaymentRefunded.Reason.BOOKING_CANCELLED)).thenReturn(item(refunding));
        when(processor.refund(anyString(), any()))
                .thenReturn(item(new PaymentProcessorClient.RefundResponse("re_1", "succeeded")));
        when(payments.refunded(cancelled, bookingId, booking, "re_1", "booking cancelled")).thenReturn(done());

        completes(consumer.consume(cancelled));

        verify(processor).refund(eq(IdempotencyKeys.refund(bookingId)), any());
        verify(payments).refunded(cancelled, bookingId, booking, "re_1", "booking cancelled");
    }

    @Test
    void anExpiredBookingIsRefundedForItsExpiryWhenItWasCharged() {
        EventEnvelope expired = SampleEvents.statusChangedEvent(bookingId, booking,
                BookingStatusChanged.Status.EXPIRED, null, "no outcome within 15m");
        Payment refunding = payment(Payment.Status.REFUNDING);
        refunding.chargeId = "ch_1";
        refunding.refundReason = PaymentRefunded.Reason.BOOKING_EXPIRED;
        when(payments.cancel(bookingId, booking, PaymentRefunded.Reason.BOOKING_EXPIRED)).thenReturn(item(refunding));
        when(processor.refund(anyString(), any()))
                .thenReturn(item(new PaymentProcessorClient.RefundResponse("re_1", "succeeded")));
        when(payments.refunded(expired, bookingId, booking, "re_1", "booking expired")).thenReturn(done());

        completes(consumer.consume(expired));

        verify(processor).refund(eq(IdempotencyKeys.refund(bookingId)), any());
        verify(payments).refunded(expired, bookingId, booking, "re_1", "booking expired");
    }

    @Test
    void aCancelledBookingThatWasNeverChargedIsNotRefunded() {
        when(payments.cancel(bookingId, booking, PaymentRefunded.Reason.BOOKING_CANCELLED))
                .thenReturn(Uni.createFrom().nullItem());

        completes(consumer.consume(SampleEvents.statusChangedEvent(bookingId, booking,
                BookingStatusChanged.Status.CANCELLED, null, null)));

        verifyNoInteractions(processor);
    }

    @ParameterizedTest
    @EnumSource(value = BookingStatusChanged.Status.class, names = { "CANCELLED", "EXPIRED" }, mode = EnumSource.Mode.EXCLUDE)
    void noOtherStatusChangeConcernsThePayment(BookingStatusChanged.Status status) {
        completes(consumer.consume(SampleEvents.statusChangedEvent(bookingId, booking, status, "ABC123", null)));

        verifyNoInteractions(payments, processor);
    }

    @Test
    void eventsOfOtherRolesAreIgnored() {
        completes(consumer.consume(SampleEvents.paymentChargedEvent(bookingId, booking)));

        verifyNoInteractions(payments, processor);
    }

    private Payment payment(Payment.Status status) {
        return Payments.payment(bookingId, status, null);
    }
}
