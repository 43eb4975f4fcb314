package com.flightbooking.workers.airline;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.flightbooking.kit.postgres.PoolRows;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The {@code airline_check} rows, on the Vert.x pool. Not Hibernate Reactive: every confirmed booking is checked once,
 * and a session around a read and one locked row's update cost the workers more CPU than the statements (issue #13).
 */
@ApplicationScoped
public class AirlineCheckRepository {

    private static final String COLUMNS = "booking_id, record_locator, cabin, lounge_pass, last_ticketing_date, checked_at";
    private static final String FIND = "SELECT " + COLUMNS + " FROM airline_check WHERE booking_id = $1";
    private static final String LOCK = FIND + " FOR UPDATE";
    private static final String INSERT_IF_ABSENT = """
            INSERT INTO airline_check (booking_id, record_locator, lounge_pass, checked_at)
            VALUES ($1, $2, false, $3) ON CONFLICT (booking_id) DO NOTHING""";
    private static final String UPDATE = """
            UPDATE airline_check SET record_locator = $2, cabin = $3, lounge_pass = $4, last_ticketing_date = $5,
                                     checked_at = $6
            WHERE booking_id = $1""";

    private final Pool pool;

    AirlineCheckRepository(Pool pool) {
        this.pool = pool;
    }

    /** The booking's check, or null when it was never checked. */
    public Uni<AirlineCheck> find(UUID bookingId) {
        return pool.preparedQuery(FIND).execute(Tuple.of(bookingId))
                .map(rows -> PoolRows.firstOrNull(rows, AirlineCheckRepository::checkOf));
    }

    /**
     * The booking's check, locked for the rest of the transaction the caller holds on {@code connection}; created
     * first, knowing nothing yet, when it does not exist. Concurrent callers for one booking queue up behind the lock.
     */
    public Uni<AirlineCheck> lockOrCreate(SqlConnection connection, UUID bookingId, String recordLocator,
            Instant now) {
        return connection.preparedQuery(INSERT_IF_ABSENT)
                .execute(Tuple.of(bookingId, recordLocator, PoolRows.utc(now)))
                .chain(() -> connection.preparedQuery(LOCK).execute(Tuple.of(bookingId)))
                .map(rows -> PoolRows.firstOrNull(rows, AirlineCheckRepository::checkOf));
    }

    /** Writes what the check found into the row it locked. */
    public Uni<Void> update(SqlConnection connection, AirlineCheck check) {
        return connection.preparedQuery(UPDATE)
                .execute(Tuple.tuple().addUUID(check.bookingId).addString(check.recordLocator).addString(check.cabin)
                        .addBoolean(check.loungePass).addLocalDate(check.lastTicketingDate)
                        .addOffsetDateTime(PoolRows.utc(check.checkedAt)))
                .replaceWithVoid();
    }

    private static AirlineCheck checkOf(Row row) {
        AirlineCheck check = new AirlineCheck();
        check.bookingId = row.getUUID("booking_id");
        check.recordLocator = row.getString("record_locator");
        check.cabin = row.getString("cabin");
        check.loungePass = row.getBoolean("lounge_pass");
        check.lastTicketingDate = row.getLocalDate("last_ticketing_date");
        check.checkedAt = row.getOffsetDateTime("checked_at").toInstant();
        return check;
    }
}
