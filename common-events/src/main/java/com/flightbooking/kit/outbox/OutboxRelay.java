package com.flightbooking.kit.outbox;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Singleton;

import com.flightbooking.kit.messaging.MessageAttributes;
import com.flightbooking.kit.messaging.MessagingConfig;
import com.flightbooking.kit.messaging.MessagingNames;
import com.flightbooking.kit.messaging.SnsEventPublisher;
import com.flightbooking.kit.messaging.SnsEventPublisher.BatchResult;
import com.flightbooking.kit.messaging.SnsEventPublisher.OutgoingEvent;
import com.flightbooking.kit.schedule.FinishesBeforeShutdown;
import com.flightbooking.kit.tracing.EventSpans;
import com.flightbooking.kit.tracing.TraceParents;

import io.opentelemetry.api.trace.Span;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import io.quarkus.scheduler.ScheduledExecution;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Publishes committed outbox rows to SNS. Woken by {@link OutboxCommitListener} right after a commit and by a
 * periodic sweep; rows are claimed with a lease ({@code FOR UPDATE SKIP LOCKED}) in a short statement of their own,
 * so SNS is never called inside a database transaction and several replicas share the work. A crash after
 * publishing but before marking republishes the row later: delivery is at least once, consumers are idempotent.
 * Under a steady flow of commits a round is followed by {@code batch-window} before the next ({@link OutboxDrain}), so
 * that one claim, PublishBatch and mark carry what a few commits wrote.
 */
@ApplicationScoped
public class OutboxRelay {

    // Due longest first, in the order of the pending index (next_attempt_at, id), so a claim reads no further into
    // it than the rows it takes. Ordered by id, PostgreSQL sometimes walked the primary key through every published
    // row still kept for retention instead (25 ms a claim at 50 bookings/s, 40 % of the workers' database time).
    private static final String CLAIM = """
            UPDATE outbox SET attempts = attempts + 1, next_attempt_at = now() + make_interval(secs => $1)
            WHERE id IN (SELECT id FROM outbox
                         WHERE published_at IS NULL AND parked_at IS NULL AND next_attempt_at <= now()
                         ORDER BY next_attempt_at, id LIMIT $2 FOR UPDATE SKIP LOCKED)
            RETURNING id, event_id, event_type, subject, correlation_id, traceparent, body""";
    private static final String MARK_PUBLISHED = """
            UPDATE outbox SET published_at = now(), last_error = NULL WHERE id = ANY($1)
            RETURNING extract(epoch FROM published_at - created_at)::float8 AS lag""";
    // $6: SNS answered and refused this row. Only such refusals count towards parking: SNS out of reach fails every
    // row alike, and they must all leave once it is back, however long the outage.
    private static final String MARK_FAILED = """
            UPDATE outbox SET last_error = $2,
                next_attempt_at = now() + make_interval(secs => least($4, $3 * power(2, attempts - 1))),
                refusals = refusals + CASE WHEN $6 THEN 1 ELSE 0 END,
                parked_at = CASE WHEN $6 AND refusals + 1 >= $5 THEN now() END
            WHERE id = $1
            RETURNING event_id, event_type, refusals, parked_at IS NOT NULL AS parked""";

    private final Pool pool;
    private final SnsEventPublisher publisher;
    private final OutboxConfig.Relay config;
    private final EventSpans spans;
    private final String topic;
    private final OutboxMetrics metrics;
    private final OutboxDrain drain;

    OutboxRelay(Pool pool, SnsEventPublisher publisher, OutboxConfig config, EventSpans spans,
            MessagingConfig messaging, OutboxMetrics metrics, Vertx vertx) {
        this.pool = pool;
        this.publisher = publisher;
        this.config = config.relay();
        this.spans = spans;
        this.topic = MessagingNames.topic(messaging);
        this.metrics = metrics;
        this.drain = new OutboxDrain(this::drainOnce, this.config.claimSize(), this.config.batchWindow(), vertx,
                failure -> Log.warnf(failure, "Outbox relay round failed; the sweep retries in %s",
                        this.config.sweepInterval()));
    }

    /** The safety net: publishes what the wake-ups missed (failed publishes due again, a relay that crashed). */
    @FinishesBeforeShutdown
    @Scheduled(identity = "outbox-relay-sweep", every = "${flights.outbox.relay.sweep-interval}", concurrentExecution = ConcurrentExecution.SKIP, skipExecutionIf = Off.class)
    Uni<Void> sweep() {
        return drain.drain();
    }

    /** Asks for a drain soon. Cheap and safe to call from any thread, any number of times. */
    public void wake() {
        if (config.enabled()) {
            drain.wake();
        }
    }

    private Uni<Integer> drainOnce() {
        return claim().flatMap(rows -> {
            if (rows.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            List<Uni<Void>> batches = new ArrayList<>();
            for (int from = 0; from < rows.size(); from += SnsEventPublisher.MAX_BATCH) {
                batches.add(publish(rows.subList(from, Math.min(rows.size(), from + SnsEventPublisher.MAX_BATCH))));
            }
            return Uni.join().all(batches).andCollectFailures().replaceWith(rows.size());
        });
    }

    private Uni<List<ClaimedRow>> claim() {
        return pool.preparedQuery(CLAIM)
                .execute(Tuple.of(config.lease().toMillis() / 1000.0, config.claimSize()))
                .map(rows -> {
                    List<ClaimedRow> claimed = new ArrayList<>();
                    for (Row row : rows) {
                        claimed.add(ClaimedRow.from(row));
                    }
                    claimed.sort(Comparator.comparingLong(ClaimedRow::id));
                    return claimed;
                });
    }

    private Uni<Void> publish(List<ClaimedRow> rows) {
        Map<String, Span> publishing = new HashMap<>();
        List<OutgoingEvent> events = new ArrayList<>();
        for (ClaimedRow row : rows) {
            Span span = spans.publishing(topic, row.eventType(), row.eventId(), row.subject(), row.correlationId(),
                    row.traceparent());
            publishing.put(Long.toString(row.id()), span);
            events.add(row.toOutgoing(TraceParents.of(span.getSpanContext())));
        }
        return publisher.publish(events).map(result -> new Outcome(result, true))
                .onFailure().recoverWithItem(failure -> new Outcome(everyRowFailed(rows, failure), false))
                .flatMap(outcome -> recorded(outcome, publishing));
    }

    /** Ends the spans and records the outcome on each row: published, to retry, or parked. */
    private Uni<Void> recorded(Outcome outcome, Map<String, Span> publishing) {
        BatchResult result = outcome.result();
        publishing.forEach((id, span) -> EventSpans.end(span,
                result.failed().containsKey(id) ? new IllegalStateException(result.failed().get(id)) : null));
        List<Uni<Void>> updates = new ArrayList<>();
        if (!result.published().isEmpty()) {
            Long[] ids = result.published().stream().map(Long::valueOf).toArray(Long[]::new);
            updates.add(pool.preparedQuery(MARK_PUBLISHED).execute(Tuple.of(ids)).invoke(metrics::published)
                    .replaceWithVoid());
        }
        metrics.failed(result.failed().size());
        result.failed().forEach((id, reason) -> updates.add(pool.preparedQuery(MARK_FAILED)
                .execute(Tuple.of(Long.valueOf(id), reason, config.initialBackoff().toMillis() / 1000.0,
                        config.maxBackoff().toMillis() / 1000.0, config.parkAfter(), outcome.answered()))
                .invoke(marked -> marked.forEach(row -> logFailure(id, row, reason)))
                .replaceWithVoid()));
        return updates.isEmpty() ? Uni.createFrom().voidItem()
                : Uni.join().all(updates).andCollectFailures().replaceWithVoid();
    }

    private static void logFailure(String id, Row row, String reason) {
        if (row.getBoolean("parked")) {
            Log.warnf("Outbox event %s (%s) parked after SNS refused it %d times, until an operator retries it: %s",
                    row.getUUID("event_id"), row.getString("event_type"), row.getInteger("refusals"), reason);
        } else {
            Log.warnf("Outbox row %s not published, will retry: %s", id, reason);
        }
    }

    private static BatchResult everyRowFailed(List<ClaimedRow> rows, Throwable failure) {
        String reason = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        Map<String, String> failed = new HashMap<>();
        rows.forEach(row -> failed.put(Long.toString(row.id()), reason));
        return new BatchResult(List.of(), failed);
    }

    /** What a PublishBatch came to; {@code answered}: SNS answered it (its failures are refusals of those rows). */
    private record Outcome(BatchResult result, boolean answered) {
    }

    private record ClaimedRow(long id, String eventId, String eventType, String subject, String correlationId,
            String traceparent, String body) {

        static ClaimedRow from(Row row) {
            return new ClaimedRow(row.getLong("id"), row.getUUID("event_id").toString(), row.getString("event_type"),
                    row.getString("subject"), row.getString("correlation_id"), row.getString("traceparent"),
                    row.getString("body"));
        }

        /** With {@code publishingTraceparent} (the relay's span) as the message's trace context, when tracing. */
        OutgoingEvent toOutgoing(String publishingTraceparent) {
            return new OutgoingEvent(Long.toString(id), body, MessageAttributes.of(eventType, eventId, subject,
                    correlationId, publishingTraceparent != null ? publishingTraceparent : traceparent));
        }
    }

    /**
     * Skips the sweep where the relay is off ({@code flights.outbox.relay.enabled=false}), and outside the time the
     * application runs: the scheduler starts before the topology is provisioned; the commit listener's first drain
     * comes once it is.
     */
    @Singleton
    static class Off implements Scheduled.SkipPredicate {

        private final OutboxConfig.Relay config;
        private final Scheduled.ApplicationNotRunning notRunning;

        Off(OutboxConfig config, Scheduled.ApplicationNotRunning notRunning) {
            this.config = config.relay();
            this.notRunning = notRunning;
        }

        @Override
        public boolean test(ScheduledExecution execution) {
            return !config.enabled() || notRunning.test(execution);
        }
    }
}
