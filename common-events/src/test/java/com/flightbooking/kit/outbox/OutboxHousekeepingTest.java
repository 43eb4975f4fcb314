package com.flightbooking.kit.outbox;

import static com.flightbooking.events.testing.PoolStub.changed;
import static com.flightbooking.events.testing.PoolStub.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import com.flightbooking.events.testing.PoolStub;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import io.vertx.mutiny.sqlclient.Query;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/** The outbox's cleanup and backlog metrics, with the database mocked. */
class OutboxHousekeepingTest {

    private final PoolStub database = new PoolStub();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final OutboxConfig config = config();

    @Test
    void cleanupDeletesPublishedRowsPastRetentionAThousandAtATimeUntilABatchComesBackShort() {
        List<Integer> deletedPerBatch = new ArrayList<>(List.of(1_000, 1_000, 7));
        List<Tuple> deletes = database.answer("DELETE FROM outbox",
                parameters -> Uni.createFrom().item(changed(deletedPerBatch.remove(0))));

        long deleted = cleanup().cleanUp().subscribe().withSubscriber(UniAssertSubscriber.<Long> create())
                .assertCompleted().getItem();

        assertThat(deleted).isEqualTo(2_007);
        assertThat(deletes).hasSize(3).allSatisfy(parameters -> {
            assertThat(parameters.getDouble(0)).isEqualTo(Duration.ofDays(7).toSeconds());
            assertThat(parameters.getInteger(1)).isEqualTo(1_000);
        });
    }

    @Test
    void eachScheduledCleanupDeletesWhatIsDue() {
        List<Tuple> deletes = database.answer("DELETE FROM outbox", parameters -> Uni.createFrom().item(changed(3)));
        OutboxCleanup cleanup = cleanup();

        completes(cleanup.cleanUpOnSchedule());
        completes(cleanup.cleanUpOnSchedule());

        assertThat(deletes).hasSize(2);
    }

    @Test
    void aFailedCleanupEndsItsRunQuietlyAndTheNextRunTriesAgain() {
        List<Tuple> deletes = database.answer("DELETE FROM outbox",
                parameters -> Uni.createFrom().failure(new IllegalStateException("database down")));
        OutboxCleanup cleanup = cleanup();

        completes(cleanup.cleanUpOnSchedule());
        completes(cleanup.cleanUpOnSchedule());

        assertThat(deletes).hasSize(2);
    }

    @Test
    void theBacklogGaugesAreUnknownUntilMeasuredThenShowPendingRowsAndTheOldestAge() {
        AtomicReference<Uni<RowSet<Row>>> backlog = backlog();
        backlog.set(Uni.createFrom().item(backlogRow(12L, 3.5)));
        OutboxMetrics metrics = metrics();
        assertThat(gauge("flights.outbox.pending")).isNaN();

        completes(metrics.refresh());
        assertThat(gauge("flights.outbox.pending")).isEqualTo(12.0);
        assertThat(gauge("flights.outbox.pending.age")).isEqualTo(3.5);

        backlog.set(Uni.createFrom().item(backlogRow(0L, 0.0)));
        completes(metrics.refresh());
        assertThat(gauge("flights.outbox.pending")).isZero();
        assertThat(gauge("flights.outbox.pending.age")).isZero();
    }

    @Test
    void aFailedMeasurementKeepsTheLastValuesAndTheNextOneUpdatesThem() {
        AtomicReference<Uni<RowSet<Row>>> backlog = backlog();
        backlog.set(Uni.createFrom().item(backlogRow(5L, 1.0)));
        OutboxMetrics metrics = metrics();
        completes(metrics.refresh());

        backlog.set(Uni.createFrom().failure(new IllegalStateException("database down")));
        completes(metrics.refresh());
        completes(metrics.refresh());
        assertThat(gauge("flights.outbox.pending")).isEqualTo(5.0);

        backlog.set(Uni.createFrom().item(backlogRow(2L, 0.5)));
        completes(metrics.refresh());
        assertThat(gauge("flights.outbox.pending")).isEqualTo(2.0);
    }

    @Test
    void thePublishLagIsRecordedPerRowExceptWhenTheWritersClockWasAhead() {
        OutboxMetrics metrics = metrics();

        metrics.published(rows(List.of(lagRow(0.25), lagRow(1.5), lagRow(-2.0), lagRow(null))));

        var lag = registry.get("flights.outbox.publish.lag").timer();
        assertThat(lag.count()).isEqualTo(2);
        assertThat(lag.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(1_750.0);
        assertThat(lag.max(TimeUnit.MILLISECONDS)).isEqualTo(1_500.0);
    }

    @Test
    void everyFailedRowCountsAsOnePublishFailure() {
        OutboxMetrics metrics = metrics();

        metrics.failed(3);
        metrics.failed(0);
        metrics.failed(2);

        assertThat(registry.get("flights.outbox.publish.failures").counter().count()).isEqualTo(5.0);
    }

    private OutboxCleanup cleanup() {
        return new OutboxCleanup(database.pool, config);
    }

    private OutboxMetrics metrics() {
        return new OutboxMetrics(database.pool, registry);
    }

    /** A scheduled run never fails: the scheduler would only log it, and the next run must come all the same. */
    private static void completes(Uni<Void> run) {
        run.subscribe().withSubscriber(UniAssertSubscriber.<Void> create()).assertCompleted();
    }

    /** The backlog query answers what the reference holds at each execution. */
    private AtomicReference<Uni<RowSet<Row>>> backlog() {
        AtomicReference<Uni<RowSet<Row>>> answer = new AtomicReference<>();
        @SuppressWarnings("unchecked")
        Query<RowSet<Row>> query = mock(Query.class);
        when(query.execute()).thenAnswer(call -> answer.get());
        when(database.pool.query(org.mockito.ArgumentMatchers.contains("FROM outbox WHERE published_at IS NULL")))
                .thenReturn(query);
        return answer;
    }

    private double gauge(String name) {
        return registry.get(name).gauge().value();
    }

    private static RowSet<Row> backlogRow(long pending, double oldestAge) {
        Row row = mock(Row.class);
        when(row.getLong("pending")).thenReturn(pending);
        when(row.getDouble("oldest_age")).thenReturn(oldestAge);
        return rows(List.of(row));
    }

    private static Row lagRow(Double seconds) {
        Row row = mock(Row.class);
        when(row.getDouble("lag")).thenReturn(seconds);
        return row;
    }

    private static OutboxConfig config() {
        OutboxConfig config = mock(OutboxConfig.class);
        OutboxConfig.Cleanup cleanup = mock(OutboxConfig.Cleanup.class);
        when(cleanup.retention()).thenReturn(Duration.ofDays(7));
        when(cleanup.interval()).thenReturn(Duration.ofHours(1));
        OutboxConfig.Metrics metrics = mock(OutboxConfig.Metrics.class);
        when(metrics.refreshInterval()).thenReturn(Duration.ofSeconds(10));
        when(config.cleanup()).thenReturn(cleanup);
        when(config.metrics()).thenReturn(metrics);
        return config;
    }
}
