package com.flightbooking.workers.mail;

import jakarta.enterprise.context.ApplicationScoped;

import com.flightbooking.kit.schedule.FinishesBeforeShutdown;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * How the email outbox fares:
 * <ul>
 * <li>{@code flights.email.outbox.pending} (gauge): emails queued and not sent yet, retries included;</li>
 * <li>{@code flights.email.outbox.parked} (gauge): emails given up after {@code flights.email-outbox.max-attempts};</li>
 * <li>{@code flights.email.outbox.sent} (counter): emails the mail server accepted from this process;</li>
 * <li>{@code flights.email.outbox.failures} (counter): failed send attempts of this process (each retried or
 * parked).</li>
 * </ul>
 * The gauges come from one query every {@code flights.outbox.metrics.refresh-interval}, cached, so scrapes never touch
 * the database; every replica reports the same table (aggregate with {@code max}).
 */
@ApplicationScoped
public class EmailOutboxMetrics {

    private static final String BACKLOG = """
            SELECT count(*) FILTER (WHERE sent_at IS NULL AND parked_at IS NULL) AS pending,
                   count(*) FILTER (WHERE parked_at IS NOT NULL) AS parked
            FROM email_outbox WHERE sent_at IS NULL""";

    private final Pool pool;
    private final Counter sent;
    private final Counter failures;
    private volatile double pending = Double.NaN;
    private volatile double parked = Double.NaN;
    private volatile boolean lastRefreshFailed;

    EmailOutboxMetrics(Pool pool, MeterRegistry registry) {
        this.pool = pool;
        Gauge.builder("flights.email.outbox.pending", this, m -> m.pending).strongReference(true)
                .description("Emails queued and not sent yet").register(registry);
        Gauge.builder("flights.email.outbox.parked", this, m -> m.parked).strongReference(true)
                .description("Emails given up after repeated send failures").register(registry);
        sent = Counter.builder("flights.email.outbox.sent")
                .description("Emails the mail server accepted").register(registry);
        failures = Counter.builder("flights.email.outbox.failures")
                .description("Failed email send attempts; each is retried after a backoff or parked")
                .register(registry);
    }

    void sent() {
        sent.increment();
    }

    void failed() {
        failures.increment();
    }

    // Skipped while the previous query still runs: the database is slow, do not pile up more.
    @FinishesBeforeShutdown
    @Scheduled(identity = "email-outbox-metrics-refresh", every = "${flights.outbox.metrics.refresh-interval}", concurrentExecution = ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return pool.query(BACKLOG).execute()
                .invoke(rows -> {
                    Row row = rows.iterator().next();
                    pending = row.getLong("pending");
                    parked = row.getLong("parked");
                    lastRefreshFailed = false;
                })
                .replaceWithVoid()
                .onFailure().recoverWithItem(failure -> {
                    if (!lastRefreshFailed) {
                        Log.warnf("Cannot measure the email outbox, the gauges keep their last values: %s",
                                failure.getMessage());
                    }
                    lastRefreshFailed = true;
                    return null;
                });
    }
}
