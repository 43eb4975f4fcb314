package com.flightbooking.workers.mail;

import jakarta.enterprise.context.ApplicationScoped;

import com.flightbooking.kit.schedule.FinishesBeforeShutdown;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Deletes sent emails from {@code email_outbox} once they are older than {@code flights.email-outbox.retention}: a row
 * holds the recipient's address, name and booking, personal data kept only as long as operators need to see that an
 * email went out. Whether an email is due at all is decided elsewhere (a booking's {@code sent_email} record, an
 * invoice's own state), so a late redelivery finds its decision made and queues nothing again. Pending and parked
 * emails are never deleted here. Any number of replicas may run it: a row is deleted once, by whichever gets it first.
 */
@ApplicationScoped
public class EmailOutboxRetention {

    private static final String DELETE_EXPIRED = """
            DELETE FROM email_outbox WHERE id IN (
                SELECT id FROM email_outbox WHERE sent_at < now() - make_interval(secs => $1)
                ORDER BY sent_at LIMIT $2 FOR UPDATE SKIP LOCKED)""";

    private final Pool pool;
    private final EmailOutboxConfig config;

    EmailOutboxRetention(Pool pool, EmailOutboxConfig config) {
        this.pool = pool;
        this.config = config;
    }

    @FinishesBeforeShutdown
    @Scheduled(identity = "email-outbox-retention", every = "${flights.email-outbox.retention-interval:1h}", delayed = "1m", concurrentExecution = ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> deleteExpired() {
        return deleteExpiredEmails()
                .invoke(deleted -> {
                    if (deleted > 0) {
                        Log.infof("Deleted %d sent emails older than %s", deleted, config.retention());
                    }
                })
                .onFailure().recoverWithItem(failure -> {
                    Log.warnf("Deleting old sent emails failed; retried in %s: %s", config.retentionInterval(),
                            failure.getClass().getName());
                    return 0L;
                })
                .replaceWithVoid();
    }

    /** Deletes in batches of {@code claim-size × 100} rows, each its own short statement, until none is left. */
    Uni<Long> deleteExpiredEmails() {
        int batch = config.claimSize() * 100;
        return pool.preparedQuery(DELETE_EXPIRED)
                .execute(Tuple.of(config.retention().toMillis() / 1000.0, batch))
                .map(rows -> (long) rows.rowCount())
                .flatMap(deleted -> deleted < batch ? Uni.createFrom().item(deleted)
                        : deleteExpiredEmails().map(more -> deleted + more));
    }
}
