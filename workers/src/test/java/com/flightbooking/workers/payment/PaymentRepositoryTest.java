package com.flightbooking.workers.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.flightbooking.events.EventEnvelope;
import com.flightbooking.events.testing.SampleEvents;
import com.flightbooking.events.testing.Sql;
import com.flightbooking.kit.outbox.Outbox;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The single statements of a charge against PostgreSQL: its start, which creates the payment CHARGING when absent and
 * returns one that exists as it is, whatever its status; and its record with the announcement, made only while
 * CHARGING and not cancelled meanwhile.
 */
@QuarkusTest
class PaymentRepositoryTest {

    private static final Instant EARLIER = Instant.parse("2026-11-28T11:59:00Z");
    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final BigDecimal FARE = new BigDecimal("499.90");
    private static final Duration SOON = Duration.ofSeconds(10);

    @Inject
    PaymentRepository payments;
    @Inject
    Pool pool;

    @Inject
    Outbox outbox;

    private final UUID bookingId = UUID.randomUUID();
    private final EventEnvelope charged = SampleEvents.paymentChargedEvent(bookingId, SampleEvents.details());

    @Test
    void anAbsentPaymentIsCreatedInTheGivenStatusForTheFare() {
        Payment created = createOrFind(Payment.Status.CHARGING, NOW);

        assertThat(created.status).isEqualTo(Payment.Status.CHARGING);
        assertThat(created.amount).isEqualByComparingTo(FARE);
        assertThat(created.currency).isEqualTo("EUR");
        assertThat(created.createdAt).isEqualTo(NOW);
        assertThat(stored().status).isEqualTo(Payment.Status.CHARGING);
    }

    @ParameterizedTest
    @EnumSource(Payment.Status.class)
    void aPaymentThatExistsIsReturnedAsItIsAndLeftUnchanged(Payment.Status status) {
        createOrFind(status, EARLIER);

        Payment found = createOrFind(Payment.Status.CHARGING, NOW);

        assertThat(found.status).isEqualTo(status);
        assertThat(found.createdAt).isEqualTo(EARLIER);
        assertThat(found.updatedAt).isEqualTo(EARLIER);
        assertThat(stored().status).isEqualTo(status);
    }

    @Test
    void aChargeIsRecordedAndAnnouncedInOneStatementWhileCharging() {
        createOrFind(Payment.Status.CHARGING, EARLIER);

        assertThat(recordCharge()).isTrue();

        Payment stored = stored();
        assertThat(stored.status).isEqualTo(Payment.Status.CHARGED);
        assertThat(stored.chargeId).isEqualTo("ch_1");
        assertThat(stored.updatedAt).isEqualTo(NOW);
        assertThat(announcements()).isEqualTo(1);
    }

    @Test
    void aChargeIsNeitherRecordedNorAnnouncedOnceTheBookingWasCancelledDuringIt() {
        createOrFind(Payment.Status.CHARGING, EARLIER);
        Sql.execute(pool, "UPDATE payment SET refund_reason = 'BOOKING_CANCELLED' WHERE booking_id = $1", bookingId);

        assertThat(recordCharge()).isFalse();

        assertThat(stored().status).isEqualTo(Payment.Status.CHARGING);
        assertThat(stored().chargeId).isNull();
        assertThat(announcements()).isZero();
    }

    @ParameterizedTest
    @EnumSource(value = Payment.Status.class, names = "CHARGING", mode = EnumSource.Mode.EXCLUDE)
    void aChargeIsNeitherRecordedNorAnnouncedOutsideCharging(Payment.Status status) {
        createOrFind(status, EARLIER);

        assertThat(recordCharge()).isFalse();

        assertThat(stored().status).isEqualTo(status);
        assertThat(stored().updatedAt).isEqualTo(EARLIER);
        assertThat(announcements()).isZero();
    }

    private boolean recordCharge() {
        return outbox.appendIfWritten(pool, payments.recordCharge(bookingId, "ch_1", NOW), List.of(charged))
                .await().atMost(SOON);
    }

    private long announcements() {
        return Sql.count(pool, "SELECT count(*) FROM outbox WHERE event_id = $1", charged.id());
    }

    private Payment createOrFind(Payment.Status initial, Instant now) {
        return payments.createOrFind(pool, bookingId, initial, FARE, "EUR", now).await().atMost(SOON);
    }

    private Payment stored() {
        return pool.withTransaction(connection -> payments.lock(connection, bookingId)).await().atMost(SOON);
    }
}
