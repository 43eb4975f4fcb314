package com.flightbooking.workers.reminders;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.flightbooking.kit.postgres.PoolRows;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Departure reminders: scheduled (one statement) and cancelled (in a transaction the caller holds on a connection) on
 * the Vert.x pool, like their claims ({@link ReminderClaimRepository}); read through Panache. Scheduling is on every
 * confirmed booking's path, where a Hibernate Reactive session cost more CPU than its one insert (issue #13); the reads
 * are for operators and stay with the entity.
 */
@ApplicationScoped
public class DepartureReminderRepository implements PanacheRepositoryBase<DepartureReminder, UUID> {

    // The event goes in as text and is cast: bound to a jsonb parameter, the client would store one JSON string.
    private static final String INSERT_IF_ABSENT = """
            INSERT INTO departure_reminder
                (booking_id, status, due_at, departure_at, booking_event, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5::text::jsonb, $6, $6)
            ON CONFLICT (booking_id) DO NOTHING""";
    // Waits for a lock held by a poller's claim, then sees what it committed.
    private static final String CANCEL_SCHEDULED = """
            UPDATE departure_reminder SET status = 'CANCELLED', updated_at = $2
            WHERE booking_id = $1 AND status = 'SCHEDULED'""";

    /** The booking's reminder, or null when it has none. */
    @WithSession
    public Uni<DepartureReminder> find(UUID bookingId) {
        return findById(bookingId);
    }

    /** Creates the booking's reminder in {@code initial} status unless it has one; true when this call created it. */
    public Uni<Boolean> createIfAbsent(SqlClient client, UUID bookingId, DepartureReminder.Status initial,
            Instant dueAt, Instant departureAt, String bookingEvent, Instant now) {
        return client.preparedQuery(INSERT_IF_ABSENT)
                .execute(Tuple.of(bookingId, initial.name(), PoolRows.utc(dueAt),
                        PoolRows.utc(departureAt), bookingEvent, PoolRows.utc(now)))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Cancels the booking's reminder if it is SCHEDULED; true when this call cancelled it. */
    public Uni<Boolean> cancelScheduled(SqlConnection connection, UUID bookingId, Instant now) {
        return connection.preparedQuery(CANCEL_SCHEDULED).execute(Tuple.of(bookingId, PoolRows.utc(now)))
                .map(rows -> rows.rowCount() == 1);
    }
}
