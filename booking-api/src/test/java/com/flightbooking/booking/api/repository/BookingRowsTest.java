package com.flightbooking.booking.api.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.flightbooking.booking.api.Booking;
import com.flightbooking.booking.api.BookingStatus;
import com.flightbooking.events.BookingDetails;
import com.flightbooking.events.BookingStatusChanged;
import com.flightbooking.events.EventEnvelope;
import com.flightbooking.events.EventType;
import com.flightbooking.events.Flight;
import com.flightbooking.events.Money;
import com.flightbooking.events.Passenger;
import com.flightbooking.events.testing.SampleEvents;
import com.flightbooking.events.testing.Sql;
import com.flightbooking.kit.outbox.Outbox;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The one-statement end of a booking's saga against PostgreSQL: made, and announced, only while the booking is
 * PENDING and the saga's details are the booking's own; otherwise nothing is written or announced.
 */
@QuarkusTest
class BookingRowsTest {

    private static final Instant CREATED = Instant.parse("2026-11-28T11:59:00Z");
    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final Duration SOON = Duration.ofSeconds(10);

    @Inject
    BookingRows rows;
    @Inject
    Outbox outbox;
    @Inject
    Pool pool;

    private final UUID bookingId = UUID.randomUUID();
    private final BookingDetails own = new BookingDetails(new Passenger("Ada Lovelace", "ada@example.com"),
            new Flight("BA117", "LHR", "JFK", Instant.parse("2027-03-01T09:00:00Z")),
            new Money(new BigDecimal("499.90"), "EUR"), null);

    @BeforeEach
    void aPendingBooking() {
        Flight flight = own.flight();
        Sql.execute(pool, """
                INSERT INTO booking (id, status, passenger_name, passenger_email, flight_number, origin, destination,
                    departure_time, fare_amount, fare_currency, owner, created_at, updated_at)
                VALUES ($1, 'PENDING', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)""", bookingId,
                own.passenger().name(), own.passenger().email(), flight.number(), flight.origin(),
                flight.destination(), flight.departureTime().atOffset(ZoneOffset.UTC), own.fare().amount(),
                own.fare().currency(), "customer-" + bookingId, CREATED.atOffset(ZoneOffset.UTC));
    }

    @Test
    void aPendingBookingEndsWithItsOwnDetailsAnnouncedAndItsCreationTimeReturned() {
        assertThat(conclude(own)).isEqualTo(CREATED);

        Booking stored = stored();
        assertThat(stored.status).isEqualTo(BookingStatus.CONFIRMED);
        assertThat(stored.recordLocator).isEqualTo("ABC123");
        assertThat(stored.updatedAt).isEqualTo(NOW);
        assertThat(stored.version).isEqualTo(1);
        assertThat(announcements()).isEqualTo(1);
    }

    @Test
    void aSagaCarryingOtherDetailsEndsNothingAndAnnouncesNothing() {
        BookingDetails other = new BookingDetails(new Passenger("Ada Lovelace", "eve@example.com"), own.flight(),
                own.fare(), null);

        assertThat(conclude(other)).isNull();

        assertThat(stored().status).isEqualTo(BookingStatus.PENDING);
        assertThat(announcements()).isZero();
    }

    @ParameterizedTest
    @EnumSource(value = BookingStatus.class, names = "PENDING", mode = EnumSource.Mode.EXCLUDE)
    void aBookingPastPendingEndsNoSecondTime(BookingStatus status) {
        Sql.execute(pool, "UPDATE booking SET status = $2 WHERE id = $1", bookingId, status.name());

        assertThat(conclude(own)).isNull();

        assertThat(stored().status).isEqualTo(status);
        assertThat(stored().updatedAt).isEqualTo(CREATED);
        assertThat(announcements()).isZero();
    }

    private Instant conclude(BookingDetails details) {
        EventEnvelope changed = SampleEvents.event(new BookingStatusChanged(bookingId, details,
                BookingStatusChanged.Status.CONFIRMED, "ABC123", null));
        return outbox.appendIfWritten(pool, rows.conclude(bookingId, details, BookingStatus.CONFIRMED, "ABC123", null,
                NOW), List.of(changed), BookingRows::createdAt).await().atMost(SOON);
    }

    private long announcements() {
        return Sql.count(pool, "SELECT count(*) FROM outbox WHERE subject = $1 AND event_type = $2",
                bookingId.toString(), EventType.BOOKING_STATUS_CHANGED.ceType());
    }

    private Booking stored() {
        return pool.withTransaction(connection -> rows.lock(connection, bookingId)).await().atMost(SOON);
    }
}
