package com.flightbooking.kit.outbox;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import com.flightbooking.kit.schedule.FinishesBeforeShutdown;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;

/**
 * How far the outbox is behind:
 * <ul>
 * <li>{@code flights.outbox.pending} (gauge): rows not yet published and not parked, whoever wrote them;</li>
 * <li>{@code flights.outbox.pending.age} (gauge, seconds): age of the oldest of them, 0 when there is none;</li>
 * <li>{@code flights.outbox.parked} (gauge): rows parked after SNS refused them {@code park-after} times, waiting
 * for an operator;</li>
 * <li>{@code flights.outbox.publish.lag} (timer, histogram): from a row's creation to SNS taking it, recorded by the
 * relay that published it;</li>
 * <li>{@code flights.outbox.publish.failures} (counter): rows a publish attempt failed for (retried later).</li>
 * </ul>
 * The gauges come from one query every {@code flights.outbox.metrics.refresh-interval}, cached, so scrapes never
 * touch the database. The table is shared by every replica of an app: each reports the same backlog (aggregate with
 * {@code max}), and its own publishes in the timer.
 */
@ApplicationScoped
public class OutboxMetrics {

    // Each figure from the partial index that holds exactly its rows: the table also keeps published rows for the
    // retention period, and one scan of it for all three (63 ms with 30,000 rows) grew with every day kept.
    private static final String BACKLOG = """
            SELECT (SELECT count(*) FROM outbox WHERE published_at IS NULL AND parked_at IS NULL) AS pending,
                   coalesce(greatest(0, extract(epoch FROM now() - (SELECT min(created_at) FROM outbox
                                                                   WHERE published_at IS NULL AND parked_at IS NULL))),
                            0)::float8 AS oldest_age,
                   (SELECT count(*) FROM outbox WHERE parked_at IS NOT NULL AND published_at IS NULL) AS parked""";

    private final Pool pool;
    private final Timer publishLag;
    private final Counter publishFailures;
    private volatile double pending = Double.NaN;
    private volatile double oldestAgeSeconds = Double.NaN;
    private volatile double parked = Double.NaN;
    private volatile boolean lastRefreshFailed;

    OutboxMetrics(Pool pool, MeterRegistry registry) {
        this.pool = pool;
        Gauge.builder("flights.outbox.pending", this, m -> m.pending).strongReference(true)
                .description("Outbox rows not yet published, parked ones aside").register(registry);
        Gauge.builder("flights.outbox.parked", this, m -> m.parked).strongReference(true)
                .description("Outbox rows parked after repeated refusals, waiting for an operator to retry them")
                .register(registry);
        Gauge.builder("flights.outbox.pending.age", this, m -> m.oldestAgeSeconds).strongReference(true)
                .baseUnit("seconds").description("Age of the oldest outbox row not yet published")
                .register(registry);
        publishLag = Timer.builder("flights.outbox.publish.lag")
                .description("Time from an outbox row's creation to SNS accepting it")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry);
        publishFailures = Counter.builder("flights.outbox.publish.failures")
                .description("Outbox rows a publish attempt failed for; each is retried after a backoff")
                .register(registry);
    }

    /**
     * Rows just marked published; {@code marked} holds one {@code lag} column (seconds from creation to publish) per
     * row.
     */
    void published(RowSet<Row> marked) {
        for (Row row : marked) {
            Double seconds = row.getDouble("lag");
            // A row written with a clock ahead of the database's (a test clock, a skewed host) has no meaningful lag.
            if (seconds != null && seconds >= 0) {
                publishLag.record((long) (seconds * 1_000_000), TimeUnit.MICROSECONDS);
            }
        }
    }

    void failed(int rows) {
        publishFailures.increment(rows);
    }

    // Skipped while the previous query still runs: the database is slow, do not pile up more.
    @FinishesBeforeShutdown
    @Scheduled(identity = "outbox-metrics-refresh", every = "${flights.outbox.metrics.refresh-interval}", concurrentExecution = ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return pool.query(BACKLOG).execute()
                .invoke(rows -> {
                    Row row = rows.iterator().next();
                    pending = row.getLong("pending");
                    oldestAgeSeconds = row.getDouble("oldest_age");
                    parked = row.getLong("parked");
                    lastRefreshFailed = false;
                })
                .replaceWithVoid()
                .onFailure().recoverWithItem(failure -> {
                    if (!lastRefreshFailed) {
                        Log.warnf("Cannot measure the outbox backlog, the gauges keep their last values: %s",
                                failure.getMessage());
                    }
                    lastRefreshFailed = true;
                    return null;
                });
    }
}
