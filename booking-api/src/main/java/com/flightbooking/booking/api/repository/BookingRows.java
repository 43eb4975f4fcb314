package com.flightbooking.booking.api.repository;

import java.time.Instant;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import com.flightbooking.booking.api.Booking;
import com.flightbooking.booking.api.BookingStatus;
import com.flightbooking.events.BookingDetails;
import com.flightbooking.events.Flight;
import com.flightbooking.kit.outbox.Outbox.ConditionalWrite;
import com.flightbooking.kit.postgres.PoolRows;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The booking rows of the per-booking hot paths (POST /bookings, GET /bookings/{id}, the outcome events), as plain
 * statements on the reactive pool. Under load, Hibernate Reactive's session, persistence context, dirty checking and
 * flush cost booking-api more CPU than the statements themselves (docs/benchmarks.md); {@link BookingRepository}
 * keeps the rest (lists, cancellation, the saga deadline). The statements are the ones Hibernate issued: the same
 * columns, and {@code version} incremented on every update, so both paths can change the same booking.
 */
@ApplicationScoped
public class BookingRows {

    private static final String COLUMNS = """
            id, status, passenger_name, passenger_email, flight_number, origin, destination, departure_time,
            fare_amount, fare_currency, corporate_account_id, record_locator, status_reason, cabin, lounge_pass,
            last_ticketing_date, owner, idempotency_key, request_fingerprint, created_at, updated_at, version""";

    // The offer is taken and the booking inserted only together, and the booking only while the offer is unused and
    // unexpired: the row lock on the offer makes a concurrent request for it wait, then find it used. The booking's
    // own unique key (owner, Idempotency-Key) fails the whole statement. The offer's used_by names the booking: the
    // foreign key is checked at the end of the statement, when the booking is there.
    private static final String INSERT_TAKING_OFFER = ConditionalWrite.statement("""
            taken AS (
                UPDATE offer SET used_by = $1 WHERE id = $17 AND used_by IS NULL AND expires_at > $15::timestamptz
                RETURNING id),
            written AS (
                INSERT INTO booking (id, status, passenger_name, passenger_email, flight_number, origin, destination,
                    departure_time, fare_amount, fare_currency, corporate_account_id, owner, idempotency_key,
                    request_fingerprint, created_at, updated_at, version)
                SELECT $1::uuid, $2::text, $3::text, $4::text, $5::text, $6::text, $7::text, $8::timestamptz,
                    $9::numeric, $10::text, $11::text, $12::text, $13::text, $14::text, $15::timestamptz,
                    $16::timestamptz, 0
                FROM taken
                RETURNING id)""", 17);
    private static final String FIND_VISIBLE = "SELECT " + COLUMNS + " FROM booking WHERE id = $1 AND ($2 OR owner = $3)";
    private static final String FIND_BY_IDEMPOTENCY_KEY = "SELECT " + COLUMNS
            + " FROM booking WHERE owner = $1 AND idempotency_key = $2";
    private static final String LOCK = "SELECT " + COLUMNS + " FROM booking WHERE id = $1 FOR UPDATE";
    private static final String UPDATE_STATUS = """
            UPDATE booking SET status = $2, record_locator = $3, status_reason = $4, updated_at = $5,
                version = version + 1
            WHERE id = $1""";
    // Only from PENDING: an outcome that arrives late or twice finds the booking final and writes nothing. Only with
    // the booking's own details: the statement announces the saga's, and must announce nothing else.
    private static final String CONCLUDE = ConditionalWrite.statement("""
            written AS (
                UPDATE booking SET status = $2, record_locator = $3, status_reason = $4, updated_at = $5,
                    version = version + 1
                WHERE id = $1 AND status = $6 AND passenger_name = $7 AND passenger_email = $8
                  AND flight_number = $9 AND origin = $10 AND destination = $11 AND departure_time = $12
                  AND fare_amount = $13 AND fare_currency = $14 AND corporate_account_id IS NOT DISTINCT FROM $15
                RETURNING created_at)""", 15, "created_at");
    private static final String UPDATE_AIRLINE_INFO = """
            UPDATE booking SET cabin = $2, lounge_pass = $3, last_ticketing_date = $4, version = version + 1
            WHERE id = $1""";

    private final Pool pool;

    BookingRows(Pool pool) {
        this.pool = pool;
    }

    /** Runs {@code work} in one transaction on one connection: committed when it succeeds, rolled back otherwise. */
    public <T> Uni<T> inTransaction(Function<SqlConnection, Uni<T>> work) {
        return pool.withTransaction(work);
    }

    /** The booking when it belongs to {@code owner}, or exists at all when {@code anyOwner}; null otherwise. */
    public Uni<Booking> findVisible(UUID id, String owner, boolean anyOwner) {
        return pool.preparedQuery(FIND_VISIBLE).execute(Tuple.of(id, anyOwner, owner))
                .map(rows -> PoolRows.firstOrNull(rows, BookingRows::booking));
    }

    /** The owner's booking made with this Idempotency-Key, or null. */
    public Uni<Booking> findByIdempotencyKey(String owner, String idempotencyKey) {
        return pool.preparedQuery(FIND_BY_IDEMPOTENCY_KEY).execute(Tuple.of(owner, idempotencyKey))
                .map(rows -> PoolRows.firstOrNull(rows, BookingRows::booking));
    }

    /** The booking, locked until the end of the connection's transaction, or null when there is none. */
    public Uni<Booking> lock(SqlConnection connection, UUID id) {
        return connection.preparedQuery(LOCK).execute(Tuple.of(id))
                .map(rows -> PoolRows.firstOrNull(rows, BookingRows::booking));
    }

    /**
     * Inserts the new booking and gives it {@code offerId}, in one statement, when the offer is still unused and
     * unexpired at the booking's creation time; writes nothing otherwise. Fails on
     * {@code booking_owner_idempotency_key}, writing nothing, when the owner used the booking's key before.
     */
    public ConditionalWrite insertTakingOffer(Booking booking, UUID offerId) {
        return new ConditionalWrite(INSERT_TAKING_OFFER, Tuple.from(new Object[] {
                booking.id, booking.status.name(), booking.passengerName, booking.passengerEmail,
                booking.flightNumber, booking.origin, booking.destination, PoolRows.utc(booking.departureTime),
                booking.fareAmount, booking.fareCurrency, booking.corporateAccountId, booking.owner,
                booking.idempotencyKey, booking.requestFingerprint, PoolRows.utc(booking.createdAt),
                PoolRows.utc(booking.updatedAt), offerId }));
    }

    /** Writes the booking's status, record locator, reason and update time. */
    public Uni<Void> updateStatus(SqlConnection connection, Booking booking) {
        return connection.preparedQuery(UPDATE_STATUS)
                .execute(Tuple.of(booking.id, booking.status.name(), booking.recordLocator, booking.statusReason,
                        PoolRows.utc(booking.updatedAt)))
                .replaceWithVoid();
    }

    /**
     * Ends a PENDING booking in {@code status}, without a lock held before: the update sees the row's latest version.
     * Writes nothing unless the booking is PENDING and {@code details} are its own. Returns the booking's creation
     * time.
     */
    public ConditionalWrite conclude(UUID id, BookingDetails details, BookingStatus status, String recordLocator,
            String reason, Instant concludedAt) {
        Flight flight = details.flight();
        return new ConditionalWrite(CONCLUDE, Tuple.from(new Object[] { id, status.name(), recordLocator, reason,
                PoolRows.utc(concludedAt), BookingStatus.PENDING.name(), details.passenger().name(),
                details.passenger().email(), flight.number(), flight.origin(), flight.destination(),
                PoolRows.utc(flight.departureTime()), details.fare().amount(), details.fare().currency(),
                details.corporateAccountId() }));
    }

    /** The creation time {@link #conclude} returns. */
    public static Instant createdAt(Row row) {
        return row.getOffsetDateTime("created_at").toInstant();
    }

    /** Writes what the airline added: cabin, lounge pass, last ticketing date. */
    public Uni<Void> updateAirlineInfo(SqlConnection connection, Booking booking) {
        return connection.preparedQuery(UPDATE_AIRLINE_INFO)
                .execute(Tuple.of(booking.id, booking.cabin, booking.loungePass, booking.lastTicketingDate))
                .replaceWithVoid();
    }

    private static Booking booking(Row row) {
        Booking booking = new Booking();
        booking.id = row.getUUID("id");
        booking.status = BookingStatus.valueOf(row.getString("status"));
        booking.passengerName = row.getString("passenger_name");
        booking.passengerEmail = row.getString("passenger_email");
        booking.flightNumber = row.getString("flight_number");
        booking.origin = row.getString("origin");
        booking.destination = row.getString("destination");
        booking.departureTime = row.getOffsetDateTime("departure_time").toInstant();
        booking.fareAmount = row.getBigDecimal("fare_amount");
        booking.fareCurrency = row.getString("fare_currency");
        booking.corporateAccountId = row.getString("corporate_account_id");
        booking.recordLocator = row.getString("record_locator");
        booking.statusReason = row.getString("status_reason");
        booking.cabin = row.getString("cabin");
        booking.loungePass = row.getBoolean("lounge_pass");
        booking.lastTicketingDate = row.getLocalDate("last_ticketing_date");
        booking.owner = row.getString("owner");
        booking.idempotencyKey = row.getString("idempotency_key");
        booking.requestFingerprint = row.getString("request_fingerprint");
        booking.createdAt = row.getOffsetDateTime("created_at").toInstant();
        booking.updatedAt = row.getOffsetDateTime("updated_at").toInstant();
        booking.version = row.getLong("version");
        return booking;
    }
}
