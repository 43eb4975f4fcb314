package com.flightbooking.kit.outbox;

import jakarta.enterprise.context.ApplicationScoped;

import com.flightbooking.kit.schedule.FinishesBeforeShutdown;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Deletes published outbox rows once they are past their retention, a thousand at a time, so the table stays small
 * however long the system runs. Unpublished rows are never touched. Safe in every replica at once.
 */
@ApplicationScoped
public class OutboxCleanup {

    private static final int BATCH = 1_000;
    private static final String DELETE = """
            DELETE FROM outbox WHERE id IN (
                SELECT id FROM outbox
                WHERE published_at IS NOT NULL AND published_at < now() - make_interval(secs => $1)
                LIMIT $2 FOR UPDATE SKIP LOCKED)""";

    private final Pool pool;
    private final OutboxConfig.Cleanup config;

    OutboxCleanup(Pool pool, OutboxConfig config) {
        this.pool = pool;
        this.config = config.cleanup();
    }

    // Delayed by one interval, as a timer would be: a restart is no reason to clean up.
    @FinishesBeforeShutdown
    @Scheduled(identity = "outbox-cleanup", every = "${flights.outbox.cleanup.interval}", delayed = "${flights.outbox.cleanup.interval}", concurrentExecution = ConcurrentExecution.SKIP)
    Uni<Void> cleanUpOnSchedule() {
        return cleanUp()
                .invoke(deleted -> {
                    if (deleted > 0) {
                        Log.infof("Deleted %d published outbox rows older than %s", deleted, config.retention());
                    }
                })
                .replaceWithVoid()
                .onFailure().recoverWithItem(failure -> {
                    Log.warnf("Outbox cleanup failed, next try in %s: %s", config.interval(), failure.getMessage());
                    return null;
                });
    }

    /** Deletes every published row past its retention; the number deleted. */
    public Uni<Long> cleanUp() {
        return deleteBatch().flatMap(deleted -> deleted < BATCH ? Uni.createFrom().item(deleted)
                : cleanUp().map(more -> deleted + more));
    }

    private Uni<Long> deleteBatch() {
        return pool.preparedQuery(DELETE)
                .execute(Tuple.of(config.retention().toMillis() / 1000.0, BATCH))
                .map(rows -> (long) rows.rowCount());
    }
}
