package com.flightbooking.kit.outbox;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The outbox rows the relay parked ({@code flights.outbox.relay.park-after} refusals by SNS), for operators: listed
 * without their bodies, and put back in the relay's hands, one or all, with a fresh count of refusals.
 */
@ApplicationScoped
public class ParkedEvents {

    private static final String LIST = """
            SELECT id, event_id, event_type, subject, created_at, parked_at, attempts, refusals, last_error
            FROM outbox WHERE parked_at IS NOT NULL AND published_at IS NULL AND id > $1
            ORDER BY id LIMIT $2""";
    private static final String RETRY = """
            UPDATE outbox SET parked_at = NULL, refusals = 0, next_attempt_at = now()
            WHERE parked_at IS NOT NULL AND published_at IS NULL""";

    private final Pool pool;
    private final OutboxRelay relay;

    ParkedEvents(Pool pool, OutboxRelay relay) {
        this.pool = pool;
        this.relay = relay;
    }

    /** A parked event as operators see it: what it is and why it is parked, never its body. */
    public record ParkedEvent(UUID eventId, String eventType, String subject, OffsetDateTime createdAt,
            OffsetDateTime parkedAt, int attempts, int refusals, String lastError) {
    }

    /** {@code next}: the cursor ({@code after}) of the following page, or null on the last page. */
    public record Page(List<ParkedEvent> events, Long next) {
    }

    /** Up to {@code limit} parked events after the cursor {@code after} (0: from the first), oldest first. */
    public Uni<Page> list(long after, int limit) {
        return pool.preparedQuery(LIST).execute(Tuple.of(after, limit + 1)).map(rows -> {
            List<ParkedEvent> events = new ArrayList<>();
            Long next = null;
            long lastId = after;
            for (Row row : rows) {
                if (events.size() == limit) {
                    next = lastId;
                    break;
                }
                lastId = row.getLong("id");
                events.add(new ParkedEvent(row.getUUID("event_id"), row.getString("event_type"),
                        row.getString("subject"), row.getOffsetDateTime("created_at"),
                        row.getOffsetDateTime("parked_at"), row.getInteger("attempts"), row.getInteger("refusals"),
                        row.getString("last_error")));
            }
            return new Page(events, next);
        });
    }

    /** Un-parks every parked event; how many. */
    public Uni<Integer> retryAll() {
        return retry(pool.preparedQuery(RETRY).execute(), "all");
    }

    /** Un-parks the event if it is parked; 1 if it was, else 0. */
    public Uni<Integer> retry(UUID eventId) {
        return retry(pool.preparedQuery(RETRY + " AND event_id = $1").execute(Tuple.of(eventId)), eventId.toString());
    }

    private Uni<Integer> retry(Uni<RowSet<Row>> update, String which) {
        return update.map(RowSet::rowCount).invoke(retried -> {
            if (retried > 0) {
                Log.infof("Retrying %d parked outbox events (%s) at an operator's request", retried, which);
                relay.wake();
            }
        });
    }
}
