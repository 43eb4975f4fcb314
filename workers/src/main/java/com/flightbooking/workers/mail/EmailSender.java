package com.flightbooking.workers.mail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Singleton;

import com.flightbooking.kit.outbox.OutboxDrain;
import com.flightbooking.kit.schedule.FinishesBeforeShutdown;

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
 * Sends the emails queued in {@code email_outbox} ({@link EmailOutbox}). Woken by {@link EmailCommitListener} right
 * after a commit and by a periodic sweep; under a steady flow it gathers for {@code batch-window} between rounds
 * ({@link OutboxDrain}). Each round claims rows in one short statement ({@code FOR UPDATE SKIP
 * LOCKED}, with a lease), sends them with no database connection held, and records each outcome in another short
 * statement: a hung mail server holds a sender, never a database connection. A failed send is retried with a growing
 * backoff and parked after {@code max-attempts}. A mark the database refuses is retried within the lease. A crash between
 * the server's acceptance and the mark sends the email again after the lease, with the same Message-ID, which
 * receiving servers and mail clients use to show it once.
 */
@ApplicationScoped
public class EmailSender {

    // The longest-waiting first: by id, a failing round's own retries would come back before the rows behind them.
    private static final String CLAIM = """
            UPDATE email_outbox SET attempts = attempts + 1, next_attempt_at = now() + make_interval(secs => $1)
            WHERE id IN (SELECT id FROM email_outbox
                         WHERE sent_at IS NULL AND parked_at IS NULL AND next_attempt_at <= now()
                         ORDER BY next_attempt_at, id LIMIT $2 FOR UPDATE SKIP LOCKED)
            RETURNING id, message_id, recipient, subject, text_body, html_body, attempts""";
    private static final String MARK_SENT = """
            UPDATE email_outbox SET sent_at = now(), last_error = NULL WHERE id = $1""";
    private static final String MARK_FAILED = """
            UPDATE email_outbox SET last_error = $2,
                next_attempt_at = now() + make_interval(secs => least($4, $3 * power(2, attempts - 1)))
            WHERE id = $1""";
    private static final String PARK = """
            UPDATE email_outbox SET last_error = $2, parked_at = now() WHERE id = $1""";

    private static final Duration MARK_RETRY_DELAY = Duration.ofMillis(500);
    private static final Duration MARK_RETRY_MAX_DELAY = Duration.ofSeconds(10);

    private final Pool pool;
    private final SmtpTransport smtp;
    private final EmailOutboxConfig config;
    private final EmailOutboxMetrics metrics;
    private final OutboxDrain drain;

    EmailSender(Pool pool, SmtpTransport smtp, EmailOutboxConfig config, EmailOutboxMetrics metrics, Vertx vertx) {
        this.pool = pool;
        this.smtp = smtp;
        this.config = config;
        this.metrics = metrics;
        // The type only: a mail server's answer often names the recipient's address.
        this.drain = new OutboxDrain(this::drainOnce, config.claimSize(), config.batchWindow(), vertx,
                failure -> Log.warnf("Email sender round failed; the sweep retries in %s: %s", config.sweepInterval(),
                        failure.getClass().getName()));
    }

    /** The safety net: sends what the wake-ups missed, and the retries that are due. */
    @FinishesBeforeShutdown
    @Scheduled(identity = "email-outbox-sweep", every = "${flights.email-outbox.sweep-interval:10s}", concurrentExecution = ConcurrentExecution.SKIP, skipExecutionIf = Off.class)
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
        return pool.preparedQuery(CLAIM)
                .execute(Tuple.of(config.lease().toMillis() / 1000.0, config.claimSize()))
                .flatMap(rows -> {
                    List<QueuedEmail> claimed = new ArrayList<>();
                    rows.forEach(row -> claimed.add(QueuedEmail.from(row)));
                    if (claimed.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    // A round's emails go out together (the mail client pools its connections): one after another,
                    // an SMTP round trip each, the sender managed about 7 emails a second, fewer than bookings end.
                    return Uni.join().all(claimed.stream().map(this::send).toList()).andCollectFailures()
                            .replaceWith(claimed.size());
                });
    }

    private Uni<Void> send(QueuedEmail email) {
        // Deferred: a message the client refuses to build fails this email, not the round.
        return Uni.createFrom()
                .deferred(() -> smtp.send(email.messageId(), email.recipient(), email.subject(), email.text(),
                        email.html()))
                .onItemOrFailure().transformToUni((ignored, failure) -> failure == null ? sent(email)
                        : failed(email, failure));
    }

    private Uni<Void> sent(QueuedEmail email) {
        // The server has the email: a mark left undone would send it again after the lease, so a database that is
        // briefly away (a restart) is waited for, within the lease that keeps the row ours meanwhile.
        return pool.preparedQuery(MARK_SENT).execute(Tuple.of(email.id()))
                .onFailure().retry().withBackOff(MARK_RETRY_DELAY, MARK_RETRY_MAX_DELAY)
                .expireIn(config.lease().dividedBy(2).toMillis())
                .invoke(() -> {
                    metrics.sent();
                    Log.debugf("Sent email %s (%s)", email.id(), email.messageId());
                })
                .replaceWithVoid();
    }

    private Uni<Void> failed(QueuedEmail email, Throwable failure) {
        // The type only: a mail server's answer often names the recipient's address.
        String reason = failure.getClass().getName();
        metrics.failed();
        if (email.attempts() >= config.maxAttempts()) {
            Log.warnf("Email %s (%s) parked after %d failed attempts, last: %s", email.id(), email.messageId(),
                    email.attempts(), reason);
            return pool.preparedQuery(PARK).execute(Tuple.of(email.id(), reason)).replaceWithVoid();
        }
        Log.infof("Sending email %s (%s) failed (attempt %d of %d), will retry: %s", email.id(), email.messageId(),
                email.attempts(), config.maxAttempts(), reason);
        return pool.preparedQuery(MARK_FAILED).execute(Tuple.of(email.id(), reason,
                config.initialBackoff().toMillis() / 1000.0, config.maxBackoff().toMillis() / 1000.0))
                .replaceWithVoid();
    }

    private record QueuedEmail(long id, String messageId, String recipient, String subject, String text, String html,
            int attempts) {

        static QueuedEmail from(Row row) {
            return new QueuedEmail(row.getLong("id"), row.getString("message_id"), row.getString("recipient"),
                    row.getString("subject"), row.getString("text_body"), row.getString("html_body"),
                    row.getInteger("attempts"));
        }
    }

    /** Skips the sweep where the sender is off, and before the application runs. */
    @Singleton
    static class Off implements Scheduled.SkipPredicate {

        private final EmailOutboxConfig config;
        private final Scheduled.ApplicationNotRunning notRunning;

        Off(EmailOutboxConfig config, Scheduled.ApplicationNotRunning notRunning) {
            this.config = config;
            this.notRunning = notRunning;
        }

        @Override
        public boolean test(ScheduledExecution execution) {
            return !config.enabled() || notRunning.test(execution);
        }
    }
}
