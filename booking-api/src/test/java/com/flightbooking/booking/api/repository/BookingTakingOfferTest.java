package com.flightbooking.booking.api.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.flightbooking.booking.api.Booking;
import com.flightbooking.booking.api.BookingStatus;
import com.flightbooking.events.BookingRequested;
import com.flightbooking.events.EventEnvelope;
import com.flightbooking.events.EventType;
import com.flightbooking.events.Flight;
import com.flightbooking.events.Money;
import com.flightbooking.events.Passenger;
import com.flightbooking.events.testing.SampleEvents;
import com.flightbooking.events.testing.Sql;
import com.flightbooking.kit.outbox.Outbox;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The one statement of POST /bookings against PostgreSQL: a new booking is written, takes its offer and is announced
 * together, and only while the offer is unused and unexpired; otherwise nothing is written or announced.
 */
@QuarkusTest
class BookingTakingOfferTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final Flight FLIGHT = new Flight("BA117", "LHR", "JFK", Instant.parse("2027-03-01T09:00:00Z"));
    private static final Money FARE = new Money(new BigDecimal("499.90"), "EUR");
    private static final Duration SOON = Duration.ofSeconds(10);

    @Inject
    BookingRows rows;
    @Inject
    Outbox outbox;
    @Inject
    Pool pool;

    private final UUID offerId = UUID.randomUUID();
    private final String owner = "customer-" + UUID.randomUUID();

    @BeforeEach
    void anOfferExpiringInAMinute() {
        Sql.execute(pool, """
                INSERT INTO offer (id, fulfiller_offer_id, flight_number, origin, destination, departure_time, cabin,
                    price_amount, price_currency, expires_at, created_at)
                VALUES ($1, 'fulfiller-offer', $2, $3, $4, $5, 'ECONOMY', $6, $7, $8, $9)""", offerId,
                FLIGHT.number(), FLIGHT.origin(), FLIGHT.destination(), FLIGHT.departureTime().atOffset(
                        ZoneOffset.UTC),
                FARE.amount(), FARE.currency(), NOW.plusSeconds(60).atOffset(ZoneOffset.UTC),
                NOW.minusSeconds(60).atOffset(ZoneOffset.UTC));
    }

    @Test
    void aFreeOfferIsTakenByTheNewBookingWhichIsAnnounced() {
        Booking booking = booking("key-1", NOW);

        assertThat(take(booking)).isTrue();

        assertThat(usedBy()).isEqualTo(booking.id);
        assertThat(Sql.count(pool, "SELECT count(*) FROM booking WHERE id = $1 AND owner = $2 AND status = 'PENDING'",
                booking.id, owner)).isEqualTo(1);
        assertThat(announcements(booking)).isEqualTo(1);
    }

    @Test
    void anOfferAnotherBookingTookBooksNothing() {
        Booking first = booking("key-1", NOW);
        take(first);
        Booking second = booking("key-2", NOW);

        assertThat(take(second)).isFalse();

        assertThat(usedBy()).isEqualTo(first.id);
        assertNothingWrittenFor(second);
    }

    @Test
    void anOfferThatExpiredSinceItWasReadBooksNothing() {
        Booking late = booking("key-1", NOW.plusSeconds(60));

        assertThat(take(late)).isFalse();

        assertThat(usedBy()).isNull();
        assertNothingWrittenFor(late);
    }

    @Test
    void aReusedIdempotencyKeyFailsTheStatementAndLeavesTheOfferFree() {
        UUID otherOffer = UUID.randomUUID();
        Sql.execute(pool, "INSERT INTO offer SELECT $1, fulfiller_offer_id, flight_number, origin, destination, "
                + "departure_time, cabin, price_amount, price_currency, expires_at, created_at FROM offer WHERE id = $2",
                otherOffer, offerId);
        Booking first = booking("key-1", NOW);
        outbox.appendIfWritten(pool, rows.insertTakingOffer(first, otherOffer), List.of(requested(first)))
                .await().atMost(SOON);
        Booking again = booking("key-1", NOW);

        assertThatThrownBy(() -> take(again)).hasMessageContaining("booking_owner_idempotency_key");

        assertThat(usedBy()).isNull();
        assertNothingWrittenFor(again);
    }

    /** The race for one offer, forced: the second statement waits on the first's row lock, then finds it taken. */
    @Test
    void aConcurrentBookingOfTheSameOfferWaitsAndThenBooksNothing() {
        Booking first = booking("key-1", NOW);
        Booking second = booking("key-2", NOW);
        CompletableFuture<Boolean> secondTook = new CompletableFuture<>();

        Boolean firstTook = pool.withTransaction(connection -> outbox
                .appendIfWritten(connection, rows.insertTakingOffer(first, offerId), List.of(requested(first)))
                .invoke(() -> outbox.appendIfWritten(pool, rows.insertTakingOffer(second, offerId),
                        List.of(requested(second))).subscribe().with(secondTook::complete, secondTook::completeExceptionally))
                .call(() -> waitingOnALock())).await().atMost(SOON);

        assertThat(firstTook).isTrue();
        assertThat(secondTook).succeedsWithin(SOON).isEqualTo(false);
        assertThat(usedBy()).isEqualTo(first.id);
        assertNothingWrittenFor(second);
    }

    private Uni<Void> waitingOnALock() {
        return Uni.createFrom().item(() -> {
            await().atMost(SOON).until(() -> Sql.count(pool, """
                    SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%taken AS%'""") == 1);
            return null;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()).replaceWithVoid();
    }

    private boolean take(Booking booking) {
        return outbox.appendIfWritten(pool, rows.insertTakingOffer(booking, offerId), List.of(requested(booking)))
                .await().atMost(SOON);
    }

    private Booking booking(String idempotencyKey, Instant createdAt) {
        Booking booking = new Booking();
        booking.id = UUID.randomUUID();
        booking.status = BookingStatus.PENDING;
        booking.passengerName = "Ada Lovelace";
        booking.passengerEmail = "ada@example.com";
        booking.flightNumber = FLIGHT.number();
        booking.origin = FLIGHT.origin();
        booking.destination = FLIGHT.destination();
        booking.departureTime = FLIGHT.departureTime();
        booking.fareAmount = FARE.amount();
        booking.fareCurrency = FARE.currency();
        booking.owner = owner;
        booking.idempotencyKey = idempotencyKey;
        booking.requestFingerprint = "fingerprint";
        booking.createdAt = createdAt;
        booking.updatedAt = createdAt;
        return booking;
    }

    private static EventEnvelope requested(Booking booking) {
        return SampleEvents.event(new BookingRequested(booking.id, new Passenger(booking.passengerName,
                booking.passengerEmail), FLIGHT, FARE, "sealed-token", null));
    }

    private UUID usedBy() {
        return pool.preparedQuery("SELECT used_by FROM offer WHERE id = $1")
                .execute(Tuple.of(offerId)).await().atMost(SOON).iterator().next()
                .getUUID("used_by");
    }

    private long announcements(Booking booking) {
        return Sql.count(pool, "SELECT count(*) FROM outbox WHERE subject = $1 AND event_type = $2",
                booking.id.toString(), EventType.BOOKING_REQUESTED.ceType());
    }

    private void assertNothingWrittenFor(Booking booking) {
        assertThat(Sql.count(pool, "SELECT count(*) FROM booking WHERE id = $1", booking.id)).isZero();
        assertThat(announcements(booking)).isZero();
    }
}
