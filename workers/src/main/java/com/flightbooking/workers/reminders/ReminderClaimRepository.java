package com.flightbooking.workers.reminders;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.flightbooking.kit.postgres.PoolRows;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Claims departure reminders ({@link DepartureReminder}) that are to fire: each claim marks them FIRED, or EXPIRED when
 * the flight has left, and returns them, in a transaction the caller holds on {@code connection}. On the Vert.x pool,
 * not Hibernate Reactive: HQL cannot express an UPDATE … RETURNING over rows locked {@code FOR UPDATE SKIP LOCKED},
 * and the fired reminders go to the outbox on the same connection, in one multi-row insert.
 */
@ApplicationScoped
public class ReminderClaimRepository {

    private static final String CLAIM_DUE = """
            UPDATE departure_reminder
            SET status = CASE WHEN departure_at > $1 THEN 'FIRED' ELSE 'EXPIRED' END,
                fired_at = CASE WHEN departure_at > $1 THEN $1 END,
                updated_at = $1
            WHERE booking_id IN (SELECT booking_id FROM departure_reminder
                                 WHERE status = 'SCHEDULED' AND due_at <= $1
                                 ORDER BY due_at LIMIT $2 FOR UPDATE SKIP LOCKED)
            RETURNING booking_id, status, due_at, booking_event::text AS booking_event""";
    // Waits for a lock held by a poller or a cancellation, then sees what they committed.
    private static final String CLAIM_ONE = """
            UPDATE departure_reminder
            SET status = CASE WHEN departure_at > $1 THEN 'FIRED' ELSE 'EXPIRED' END,
                fired_at = CASE WHEN departure_at > $1 THEN $1 END,
                updated_at = $1
            WHERE booking_id = $2 AND status = 'SCHEDULED'
            RETURNING booking_id, status, due_at, booking_event::text AS booking_event""";

    /**
     * A reminder as its claim left it: FIRED, or EXPIRED; with the BookingStatusChanged CloudEvent that scheduled it.
     */
    public record Claimed(UUID bookingId, DepartureReminder.Status status, String bookingEvent) {
    }

    /**
     * At most {@code limit} SCHEDULED reminders due at {@code now}, earliest first; rows another transaction holds are
     * skipped, so concurrent pollers claim different reminders.
     */
    public Uni<List<Claimed>> claimDue(SqlConnection connection, Instant now, int limit) {
        return claim(connection, CLAIM_DUE, Tuple.of(PoolRows.utc(now), limit));
    }

    /** The booking's reminder whatever its due time, when it is SCHEDULED; otherwise nothing. */
    public Uni<List<Claimed>> claimOne(SqlConnection connection, Instant now, UUID bookingId) {
        return claim(connection, CLAIM_ONE, Tuple.of(PoolRows.utc(now), bookingId));
    }

    // RETURNING gives no order: the claim's ORDER BY only picks which reminders are claimed.
    private static Uni<List<Claimed>> claim(SqlConnection connection, String claim, Tuple parameters) {
        return connection.preparedQuery(claim).execute(parameters).map(ReminderClaimRepository::byDueTime);
    }

    private static List<Claimed> byDueTime(RowSet<Row> rows) {
        List<Row> sorted = new ArrayList<>();
        rows.forEach(sorted::add);
        sorted.sort(Comparator.comparing((Row row) -> row.getOffsetDateTime("due_at")));
        return sorted.stream()
                .map(row -> new Claimed(row.getUUID("booking_id"),
                        DepartureReminder.Status.valueOf(row.getString("status")), row.getString("booking_event")))
                .toList();
    }
}
