package com.flightbooking.workers.payment;

import static com.flightbooking.events.testing.Unis.await;
import static com.flightbooking.workers.OutboxAppends.appendedOn;
import static com.flightbooking.workers.OutboxAppends.appendedWith;
import static com.flightbooking.workers.OutboxAppends.assertNothingAppended;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.flightbooking.events.BookingDetails;
import com.flightbooking.events.EventEnvelope;
import com.flightbooking.events.PaymentCharged;
import com.flightbooking.events.PaymentDeclined;
import com.flightbooking.events.PaymentRefunded;
import com.flightbooking.events.testing.PoolStub;
import com.flightbooking.events.testing.SampleEvents;
import com.flightbooking.kit.consumer.PermanentFailure;
import com.flightbooking.kit.outbox.Outbox;
import com.flightbooking.kit.outbox.Outbox.ConditionalWrite;
import com.flightbooking.workers.OutboxAppends;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The payment state machine, step by step, with the repository and the outbox mocked: each step is one transaction, and
 * a step writes the payment and appends its event on that transaction's connection, or writes nothing. A charge's
 * outcome is first one conditional statement (its conditions are {@link PaymentRepositoryTest}'s); what it did not
 * record takes the transaction.
 */
class PaymentServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final Instant EARLIER = NOW.minusSeconds(60);

    private final UUID bookingId = UUID.randomUUID();
    private final BookingDetails booking = SampleEvents.details();
    private final EventEnvelope cause = SampleEvents.bookingRequestedEvent("ACME-001", "499.90", "EUR");
    private final PaymentRepository repository = mock(PaymentRepository.class);
    private final Outbox outbox = mock(Outbox.class);
    private final PoolStub database = new PoolStub();
    private final PaymentService service = new PaymentService(database.pool, repository, outbox,
            Clock.fixed(NOW, ZoneOffset.UTC));

    PaymentServiceTest() {
        when(repository.update(any(), any())).thenReturn(Uni.createFrom().voidItem());
        OutboxAppends.accept(outbox);
    }

    @Test
    void aChargeStartsAsChargingForTheFare() {
        Payment charging = payment(Payment.Status.CHARGING);
        when(repository.createOrFind(database.pool, bookingId, Payment.Status.CHARGING, new BigDecimal("499.90"), "EUR",
                NOW)).thenReturn(Uni.createFrom().item(charging));

        assertThat(await(service.startCharge(bookingId, booking))).isSameAs(charging);
        verify(database.pool, never()).withTransaction(any());
    }

    @Test
    void aChargeIsRecordedAndAnnouncedInOneStatementWithoutATransaction() {
        ConditionalWrite recordCharge = new ConditionalWrite("the charge", Tuple.tuple());
        when(repository.recordCharge(bookingId, "ch_1", NOW)).thenReturn(recordCharge);
        OutboxAppends.conditionalWritesApply(outbox);

        assertThat(await(service.charged(cause, bookingId, booking, "ch_1"))).isNull();

        EventEnvelope appended = appendedWith(outbox, database.pool, recordCharge);
        assertThat(appended.data()).isEqualTo(new PaymentCharged(bookingId, booking, "ch_1"));
        assertThat(appended.source()).isEqualTo(PaymentService.EVENT_SOURCE);
        assertThat(appended.time()).isEqualTo(NOW);
        assertThat(appended.correlationId()).isEqualTo(cause.correlationId());
        verify(database.pool, never()).withTransaction(any());
    }

    @Test
    void aChargeTheStatementDidNotRecordIsRecordedUnderTheLockWhenStillCharging() {
        Payment payment = lockedPayment(Payment.Status.CHARGING);

        assertThat(await(service.charged(cause, bookingId, booking, "ch_1"))).isNull();

        assertThat(payment.status).isEqualTo(Payment.Status.CHARGED);
        assertThat(payment.chargeId).isEqualTo("ch_1");
        assertThat(payment.updatedAt).isEqualTo(NOW);
        assertWritten(payment);
        EventEnvelope appended = appendedOn(outbox, database.connection);
        assertThat(appended.data()).isEqualTo(new PaymentCharged(bookingId, booking, "ch_1"));
        assertThat(appended.source()).isEqualTo(PaymentService.EVENT_SOURCE);
        assertThat(appended.time()).isEqualTo(NOW);
        assertThat(appended.correlationId()).isEqualTo(cause.correlationId());
    }

    @ParameterizedTest
    @EnumSource(value = Payment.Status.class, names = "CHARGING", mode = EnumSource.Mode.EXCLUDE)
    void aChargeOutcomeOutsideChargingChangesNothing(Payment.Status status) {
        Payment payment = lockedPayment(status);

        assertThat(await(service.charged(cause, bookingId, booking, "ch_late"))).isNull();
        await(service.declined(cause, bookingId, booking, "card declined"));

        assertUnchanged(payment, status);
    }

    @Test
    void aDeclineWhileChargingRecordsTheReasonAndAnnouncesPaymentDeclined() {
        Payment payment = lockedPayment(Payment.Status.CHARGING);

        await(service.declined(cause, bookingId, booking, "card declined"));

        assertThat(payment.status).isEqualTo(Payment.Status.DECLINED);
        assertThat(payment.declineReason).isEqualTo("card declined");
        assertThat(payment.updatedAt).isEqualTo(NOW);
        assertWritten(payment);
        EventEnvelope appended = appendedOn(outbox, database.connection);
        assertThat(appended.data()).isEqualTo(new PaymentDeclined(bookingId, booking, "card declined"));
        assertThat(appended.source()).isEqualTo(PaymentService.EVENT_SOURCE);
        assertThat(appended.correlationId()).isEqualTo(cause.correlationId());
    }

    @Test
    void aRefundOfAChargedPaymentStartsRefundingWithItsReason() {
        Payment payment = lockedPayment(Payment.Status.CHARGED);

        Payment refunding = await(service.startRefund(bookingId, PaymentRefunded.Reason.FULFILMENT_FAILED));

        assertThat(refunding).isSameAs(payment);
        assertThat(payment.status).isEqualTo(Payment.Status.REFUNDING);
        assertThat(payment.refundReason).isEqualTo(PaymentRefunded.Reason.FULFILMENT_FAILED);
        assertThat(payment.updatedAt).isEqualTo(NOW);
        assertWritten(payment);
    }

    @Test
    void aRefundAlreadyUnderWayIsResumedAsItWas() {
        Payment payment = lockedPayment(Payment.Status.REFUNDING);
        payment.refundReason = PaymentRefunded.Reason.BOOKING_CANCELLED;

        assertThat(await(service.startRefund(bookingId, PaymentRefunded.Reason.FULFILMENT_FAILED))).isSameAs(payment);
        assertThat(payment.refundReason).isEqualTo(PaymentRefunded.Reason.BOOKING_CANCELLED);
        assertThat(payment.updatedAt).isEqualTo(EARLIER);
    }

    @ParameterizedTest
    @EnumSource(value = Payment.Status.class, names = { "CHARGING", "DECLINED", "REFUNDED", "CANCELLED" })
    void nothingIsRefundedUnlessItWasCharged(Payment.Status status) {
        Payment payment = lockedPayment(status);

        assertThat(await(service.startRefund(bookingId, PaymentRefunded.Reason.FULFILMENT_FAILED))).isNull();
        assertUnchanged(payment, status);
    }

    @Test
    void aRefundForABookingWithoutPaymentIsAPermanentFailure() {
        when(repository.lock(database.connection, bookingId)).thenReturn(Uni.createFrom().nullItem());

        service.startRefund(bookingId, PaymentRefunded.Reason.FULFILMENT_FAILED).subscribe()
                .withSubscriber(UniAssertSubscriber.create())
                .assertFailedWith(PermanentFailure.class, bookingId.toString());
    }

    @Test
    void aCancellationBeforeAnyChargeWritesCancelledSoThatNoChargeEverStarts() {
        Payment cancelled = payment(Payment.Status.CANCELLED);
        when(repository.lockOrCreate(database.connection, bookingId, Payment.Status.CANCELLED, new BigDecimal("499.90"), "EUR",
                NOW))
                .thenReturn(Uni.createFrom().item(cancelled));

        assertThat(await(service.cancel(bookingId, booking, PaymentRefunded.Reason.BOOKING_CANCELLED))).isNull();
        assertUnchanged(cancelled, Payment.Status.CANCELLED);
    }

    @Test
    void aCancellationOfAChargedPaymentStartsARefundForTheCancellation() {
        Payment charged = payment(Payment.Status.CHARGED);
        when(repository.lockOrCreate(any(), any(), any(), any(), any(), any())).thenReturn(Uni.createFrom().item(charged));

        assertThat(await(service.cancel(bookingId, booking, PaymentRefunded.Reason.BOOKING_CANCELLED))).isSameAs(charged);
        assertThat(charged.status).isEqualTo(Payment.Status.REFUNDING);
        assertThat(charged.refundReason).isEqualTo(PaymentRefunded.Reason.BOOKING_CANCELLED);
        assertWritten(charged);
    }

    @Test
    void aCancellationDuringAChargeIsRecordedAndRefundsNothingYet() {
        Payment charging = payment(Payment.Status.CHARGING);
        when(repository.lockOrCreate(any(), any(), any(), any(), any(), any())).thenReturn(Uni.createFrom().item(charging));

        assertThat(await(service.cancel(bookingId, booking, PaymentRefunded.Reason.BOOKING_CANCELLED))).isNull();

        assertThat(charging.status).isEqualTo(Payment.Status.CHARGING);
        assertThat(charging.refundReason).isEqualTo(PaymentRefunded.Reason.BOOKING_CANCELLED);
        assertThat(charging.updatedAt).isEqualTo(NOW);
        assertWritten(charging);
        assertNothingAppended(outbox);
    }

    @Test
    void aSecondCancellationDuringAChargeKeepsTheFirst() {
        Payment charging = payment(Payment.Status.CHARGING);
        charging.refundReason = PaymentRefunded.Reason.BOOKING_CANCELLED;
        when(repository.lockOrCreate(any(), any(), any(), any(), any(), any())).thenReturn(Uni.createFrom().item(charging));

        assertThat(await(service.cancel(bookingId, booking, PaymentRefunded.Reason.BOOKING_CANCELLED))).isNull();

        assertUnchanged(charging, Payment.Status.CHARGING);
        assertThat(charging.refundReason).isEqualTo(PaymentRefunded.Reason.BOOKING_CANCELLED);
    }

    @Test
    void aChargeAfterACancellationIsAnnouncedAndToBeRefundedAtOnce() {
        Payment payment = lockedPayment(Payment.Status.CHARGING);
        payment.refundReason = PaymentRefunded.Reason.BOOKING_CANCELLED;

        assertThat(await(service.charged(cause, bookingId, booking, "ch_1"))).isSameAs(payment);

        assertThat(payment.status).isEqualTo(Payment.Status.REFUNDING);
        assertThat(payment.chargeId).isEqualTo("ch_1");
        assertThat(payment.refundReason).isEqualTo(PaymentRefunded.Reason.BOOKING_CANCELLED);
        assertThat(payment.updatedAt).isEqualTo(NOW);
        assertWritten(payment);
        // The charge happened: the ledger records it, and the refund that follows nets it.
        assertThat(appendedOn(outbox, database.connection).data()).isEqualTo(new PaymentCharged(bookingId, booking, "ch_1"));
    }

    @Test
    void aDeclineAfterACancellationLeavesNothingToRefund() {
        Payment payment = lockedPayment(Payment.Status.CHARGING);
        payment.refundReason = PaymentRefunded.Reason.BOOKING_CANCELLED;

        await(service.declined(cause, bookingId, booking, "card declined"));

        assertThat(payment.status).isEqualTo(Payment.Status.DECLINED);
        assertThat(payment.refundReason).isNull();
        assertWritten(payment);
        assertThat(appendedOn(outbox, database.connection).data())
                .isEqualTo(new PaymentDeclined(bookingId, booking, "card declined"));
    }

    @Test
    void aCancellationOfADeclinedPaymentRefundsNothing() {
        Payment declined = payment(Payment.Status.DECLINED);
        when(repository.lockOrCreate(any(), any(), any(), any(), any(), any())).thenReturn(Uni.createFrom().item(declined));

        assertThat(await(service.cancel(bookingId, booking, PaymentRefunded.Reason.BOOKING_CANCELLED))).isNull();

        assertUnchanged(declined, Payment.Status.DECLINED);
    }

    @ParameterizedTest
    @EnumSource(value = Payment.Status.class, names = { "REFUNDING", "REFUNDED" })
    void aCancellationOfARefundedOrRefundingPaymentStartsNoSecondRefund(Payment.Status status) {
        Payment payment = payment(status);
        payment.refundReason = PaymentRefunded.Reason.BOOKING_CANCELLED;
        when(repository.lockOrCreate(any(), any(), any(), any(), any(), any())).thenReturn(Uni.createFrom().item(payment));

        Payment toRefund = await(service.cancel(bookingId, booking, PaymentRefunded.Reason.BOOKING_CANCELLED));

        // A refund under way is resumed under its one idempotency key; a refunded one is left alone.
        assertThat(toRefund).isSameAs(status == Payment.Status.REFUNDING ? payment : null);
        assertUnchanged(payment, status);
    }

    @Test
    void aRefundWhileRefundingRecordsItAndAnnouncesPaymentRefundedWithTheChargeAndReason() {
        Payment payment = lockedPayment(Payment.Status.REFUNDING);
        payment.chargeId = "ch_1";
        payment.refundReason = PaymentRefunded.Reason.BOOKING_CANCELLED;

        await(service.refunded(cause, bookingId, booking, "re_1", "booking cancelled"));

        assertThat(payment.status).isEqualTo(Payment.Status.REFUNDED);
        assertThat(payment.refundId).isEqualTo("re_1");
        assertThat(payment.updatedAt).isEqualTo(NOW);
        assertWritten(payment);
        EventEnvelope appended = appendedOn(outbox, database.connection);
        assertThat(appended.data()).isEqualTo(new PaymentRefunded(bookingId, booking, "ch_1", "re_1",
                PaymentRefunded.Reason.BOOKING_CANCELLED, "booking cancelled"));
        assertThat(appended.source()).isEqualTo(PaymentService.EVENT_SOURCE);
        assertThat(appended.correlationId()).isEqualTo(cause.correlationId());
    }

    @ParameterizedTest
    @EnumSource(value = Payment.Status.class, names = "REFUNDING", mode = EnumSource.Mode.EXCLUDE)
    void aRefundOutcomeOutsideRefundingChangesNothing(Payment.Status status) {
        Payment payment = lockedPayment(status);

        await(service.refunded(cause, bookingId, booking, "re_late", "late"));

        assertUnchanged(payment, status);
        assertThat(payment.refundId).isNull();
    }

    private Payment lockedPayment(Payment.Status status) {
        Payment payment = payment(status);
        when(repository.lock(database.connection, bookingId)).thenReturn(Uni.createFrom().item(payment));
        return payment;
    }

    private Payment payment(Payment.Status status) {
        return Payments.payment(bookingId, status, EARLIER);
    }

    private void assertUnchanged(Payment payment, Payment.Status status) {
        assertThat(payment.status).isEqualTo(status);
        assertThat(payment.updatedAt).isEqualTo(EARLIER);
        verify(repository, never()).update(any(), any());
        assertNothingAppended(outbox);
    }

    private void assertWritten(Payment payment) {
        verify(repository).update(database.connection, payment);
    }
}
