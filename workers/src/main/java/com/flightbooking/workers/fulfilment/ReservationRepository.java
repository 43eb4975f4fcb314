package com.flightbooking.workers.fulfilment;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.flightbooking.kit.outbox.Outbox.ConditionalWrite;
import com.flightbooking.kit.postgres.PoolRows;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The {@code reservation} rows, in a transaction the caller holds on {@code connection}, except for the start of an
 * attempt, which is one statement of its own. On the Vert.x pool, not Hibernate Reactive: every booking passes through
 * these statements, and under load the session, its persistence context and the dirty check cost the workers more CPU
 * than the statements (issue #13); a step changes one row that it locked itself, so there is nothing for an ORM to
 * track.
 */
@ApplicationScoped
public class ReservationRepository {

    private static final String INSERT_IF_ABSENT = """
            INSERT INTO reservation (booking_id, status, attempts, created_at, updated_at)
            VALUES ($1, $2, 0, $3, $3) ON CONFLICT (booking_id) DO NOTHING""";
    private static final String COLUMNS = """
            booking_id, status, attempts, cancel_requested, record_locator, failure_reason, created_at, updated_at""";
    // Created with this attempt counted, or counted on the RESERVING row; a row past RESERVING is left as it is and
    // not returned. ON CONFLICT DO UPDATE locks the row and sees its latest version, as the lock in a transaction did.
    private static final String START_ATTEMPT = """
            INSERT INTO reservation AS r (booking_id, status, attempts, created_at, updated_at)
            VALUES ($1, $2, 1, $3, $3)
            ON CONFLICT (booking_id) DO UPDATE SET attempts = r.attempts + 1, updated_at = EXCLUDED.updated_at
            WHERE r.status = $2""" + " RETURNING " + COLUMNS;
    private static final String FIND = "SELECT " + COLUMNS + " FROM reservation WHERE booking_id = $1";
    private static final String LOCK = FIND + " FOR UPDATE";
    private static final String UPDATE = """
            UPDATE reservation SET status = $2, attempts = $3, cancel_requested = $4, record_locator = $5,
                                   failure_reason = $6, updated_at = $7
            WHERE booking_id = $1""";
    private static final String RECORD_SEAT = ConditionalWrite.statement("""
            written AS (
                UPDATE reservation SET status = $2, record_locator = $3, updated_at = $4
                WHERE booking_id = $1 AND status = $5 AND NOT cancel_requested RETURNING 1)""", 5);

    /**
     * Counts one more attempt at booking the seat when it is (still) to be booked: the reservation, RESERVING with this
     * attempt counted (created so when absent), or as it is when it has moved past RESERVING. One statement, in no
     * transaction: every booking starts an attempt, and a transaction's BEGIN and COMMIT are statements too.
     */
    public Uni<Reservation> startAttempt(SqlClient client, UUID bookingId, Instant now) {
        return client.preparedQuery(START_ATTEMPT)
                .execute(Tuple.of(bookingId, Reservation.Status.RESERVING.name(), PoolRows.utc(now)))
                .chain(rows -> PoolRows.firstOr(rows, ReservationRepository::reservationOf,
                        () -> client.preparedQuery(FIND).execute(Tuple.of(bookingId))
                                .map(found -> PoolRows.firstOrNull(found, ReservationRepository::reservationOf))));
    }

    /** The booking's reservation, locked for the rest of the transaction; created in {@code initial} status if absent. */
    public Uni<Reservation> lockOrCreate(SqlConnection connection, UUID bookingId, Reservation.Status initial,
            Instant now) {
        return connection.preparedQuery(INSERT_IF_ABSENT).execute(Tuple.of(bookingId, initial.name(), PoolRows.utc(now)))
                .chain(() -> lock(connection, bookingId));
    }

    /** The booking's reservation, locked for the rest of the transaction, or null when it has none. */
    public Uni<Reservation> lock(SqlConnection connection, UUID bookingId) {
        return connection.preparedQuery(LOCK).execute(Tuple.of(bookingId))
                .map(rows -> PoolRows.firstOrNull(rows, ReservationRepository::reservationOf));
    }

    /** Writes what a step changed in the reservation it locked. */
    public Uni<Void> update(SqlConnection connection, Reservation reservation) {
        return connection.preparedQuery(UPDATE)
                .execute(Tuple.tuple().addUUID(reservation.bookingId).addString(reservation.status.name())
                        .addInteger(reservation.attempts).addBoolean(reservation.cancelRequested)
                        .addString(reservation.recordLocator).addString(reservation.failureReason)
                        .addOffsetDateTime(PoolRows.utc(reservation.updatedAt)))
                .replaceWithVoid();
    }

    /**
     * Records the booked seat of a reservation that is RESERVING with no cancellation requested, without a lock held
     * before: the update sees the row's latest version. Writes nothing otherwise.
     */
    public ConditionalWrite recordSeat(UUID bookingId, String recordLocator, Instant reservedAt) {
        return new ConditionalWrite(RECORD_SEAT, Tuple.of(bookingId, Reservation.Status.RESERVED.name(), recordLocator,
                PoolRows.utc(reservedAt), Reservation.Status.RESERVING.name()));
    }

    private static Reservation reservationOf(Row row) {
        Reservation reservation = new Reservation();
        reservation.bookingId = row.getUUID("booking_id");
        reservation.status = Reservation.Status.valueOf(row.getString("status"));
        reservation.attempts = row.getInteger("attempts");
        reservation.cancelRequested = row.getBoolean("cancel_requested");
        reservation.recordLocator = row.getString("record_locator");
        reservation.failureReason = row.getString("failure_reason");
        reservation.createdAt = row.getOffsetDateTime("created_at").toInstant();
        reservation.updatedAt = row.getOffsetDateTime("updated_at").toInstant();
        return reservation;
    }
}
