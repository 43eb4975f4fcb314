package com.flightbooking.workers.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The start of a charge, one statement against PostgreSQL: the payment is created CHARGING when absent, and a
 * payment that exists is returned as it is, whatever its status.
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

    private final UUID bookingId = UUID.randomUUID();

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

    private Payment createOrFind(Payment.Status initial, Instant now) {
        return payments.createOrFind(pool, bookingId, initial, FARE, "EUR", now).await().atMost(SOON);
    }

    private Payment stored() {
        return pool.withTransaction(connection -> payments.lock(connection, bookingId)).await().atMost(SOON);
    }
}
