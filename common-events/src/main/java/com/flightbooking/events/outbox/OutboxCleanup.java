package com.flightbooking.events.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
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
    private final Vertx vertx;
    private final OutboxConfig.Cleanup config;
    private volatile long timer = -1;

    OutboxCleanup(Pool pool, Vertx vertx, OutboxConfig config) {
        this.pool = pool;
        this.vertx = vertx;
        this.config = config.cleanup();
    }

    void onStart(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(config.interval().toMillis(), id -> cleanUp().subscribe().with(
                deleted -> {
                    if (deleted > 0) {
                        Log.infof("Deleted %d published outbox rows older than %s", deleted, config.retention());
                    }
                },
                failure -> Log.warnf("Outbox cleanup failed, next try in %s: %s", config.interval(),
                        failure.getMessage())));
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
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
