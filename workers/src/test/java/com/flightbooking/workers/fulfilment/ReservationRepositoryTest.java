package com.flightbooking.workers.fulfilment;

import static org.assertj.core.api.Assertions.assertThat;

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
import com.flightbooking.kit.postgres.PoolRows;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The single statements of a seat attempt against PostgreSQL: its start, counted while the seat is to be booked, and
 * the booked seat with its announcement, recorded only while the seat is being booked and not cancelled; nothing
 * changed once the reservation is past that.
 */
@QuarkusTest
class ReservationRepositoryTest {

    private static final Instant EARLIER = Instant.parse("2026-11-28T11:59:00Z");
    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final Duration SOON = Duration.ofSeconds(10);

    @Inject
    ReservationRepository reservations;
    @Inject
    Pool pool;

    @Inject
    Outbox outbox;

    private final UUID bookingId = UUID.randomUUID();
    private final EventEnvelope fulfilled = SampleEvents.bookingFulfilledEvent(bookingId, SampleEvents.details(),
            "ABC123");

    @Test
    void theFirstAttemptCreatesTheReservationWithThatAttemptCounted() {
        Reservation started = startAttempt(NOW);

        assertThat(started.status).isEqualTo(Reservation.Status.RESERVING);
        assertThat(started.attempts).isEqualTo(1);
        assertThat(started.createdAt).isEqualTo(NOW);
        assertThat(stored().attempts).isEqualTo(1);
    }

    @Test
    void everyAttemptWhileReservingIsCounted() {
        startAttempt(EARLIER);

        Reservation again = startAttempt(NOW);

        assertThat(again.status).isEqualTo(Reservation.Status.RESERVING);
        assertThat(again.attempts).isEqualTo(2);
        assertThat(again.createdAt).isEqualTo(EARLIER);
        assertThat(again.updatedAt).isEqualTo(NOW);
        assertThat(stored().attempts).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(value = Reservation.Status.class, names = "RESERVING", mode = EnumSource.Mode.EXCLUDE)
    void noAttemptIsCountedOnceTheReservationIsPastReserving(Reservation.Status status) {
        insert(status);

        Reservation found = startAttempt(NOW);

        assertThat(found.status).isEqualTo(status);
        assertThat(found.attempts).isEqualTo(2);
        assertThat(found.updatedAt).isEqualTo(EARLIER);
        Reservation stored = stored();
        assertThat(stored.attempts).isEqualTo(2);
        assertThat(stored.updatedAt).isEqualTo(EARLIER);
    }

    @Test
    void aBookedSeatIsRecordedAndAnnouncedInOneStatementWhileReserving() {
        startAttempt(EARLIER);

        assertThat(recordSeat()).isTrue();

        Reservation stored = stored();
        assertThat(stored.status).isEqualTo(Reservation.Status.RESERVED);
        assertThat(stored.recordLocator).isEqualTo("ABC123");
        assertThat(stored.updatedAt).isEqualTo(NOW);
        assertThat(announcements()).isEqualTo(1);
    }

    @Test
    void aBookedSeatIsNeitherRecordedNorAnnouncedOnceACancellationIsRequested() {
        startAttempt(EARLIER);
        Sql.execute(pool, "UPDATE reservation SET cancel_requested = true WHERE booking_id = $1", bookingId);

        assertThat(recordSeat()).isFalse();

        assertThat(stored().status).isEqualTo(Reservation.Status.RESERVING);
        assertThat(stored().recordLocator).isNull();
        assertThat(announcements()).isZero();
    }

    @ParameterizedTest
    @EnumSource(value = Reservation.Status.class, names = "RESERVING", mode = EnumSource.Mode.EXCLUDE)
    void aBookedSeatIsNeitherRecordedNorAnnouncedPastReserving(Reservation.Status status) {
        insert(status);

        assertThat(recordSeat()).isFalse();

        assertThat(stored().status).isEqualTo(status);
        assertThat(stored().updatedAt).isEqualTo(EARLIER);
        assertThat(announcements()).isZero();
    }

    private boolean recordSeat() {
        return outbox.appendIfWritten(pool, reservations.recordSeat(bookingId, "ABC123", NOW), List.of(fulfilled))
                .await().atMost(SOON);
    }

    private long announcements() {
        return Sql.count(pool, "SELECT count(*) FROM outbox WHERE event_id = $1", fulfilled.id());
    }

    private void insert(Reservation.Status status) {
        pool.preparedQuery("""
                INSERT INTO reservation (booking_id, status, attempts, created_at, updated_at)
                VALUES ($1, $2, 2, $3, $3)""")
                .execute(Tuple.of(bookingId, status.name(), PoolRows.utc(EARLIER))).await().atMost(SOON);
    }

    private Reservation startAttempt(Instant now) {
        return reservations.startAttempt(pool, bookingId, now).await().atMost(SOON);
    }

    private Reservation stored() {
        return pool.withTransaction(connection -> reservations.lock(connection, bookingId)).await().atMost(SOON);
    }
}
