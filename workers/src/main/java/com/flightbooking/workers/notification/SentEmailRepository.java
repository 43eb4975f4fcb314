package com.flightbooking.workers.notification;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.flightbooking.kit.postgres.PoolRows;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Which emails went out ({@code sent_email}): at most one per booking and outcome, recorded in the sender's
 * transaction. Only ever written, by one insert-if-absent, so it maps no entity; on the Vert.x pool, in the
 * transaction the caller holds on {@code connection} ({@link NotificationService} says why).
 */
@ApplicationScoped
public class SentEmailRepository {

    private static final String RECORD = """
            INSERT INTO sent_email (booking_id, outcome, event_id, recipient, sent_at)
            VALUES ($1, $2, $3, $4, $5) ON CONFLICT (booking_id, outcome) DO NOTHING""";

    /**
     * True when this email is not recorded yet (and now is, pending commit).
     *
     * @param outcome what the email is about: a booking status (CONFIRMED, ...) or another kind (UPGRADED, ...)
     */
    public Uni<Boolean> recordFirst(SqlConnection connection, UUID bookingId, String outcome, UUID eventId,
            String recipient, Instant sentAt) {
        return connection.preparedQuery(RECORD)
                .execute(Tuple.of(bookingId, outcome, eventId, recipient, PoolRows.utc(sentAt)))
                .map(rows -> rows.rowCount() == 1);
    }
}
