package com.flightbooking.workers.notification;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.flightbooking.events.CustomerNotified;
import com.flightbooking.events.EventEnvelope;
import com.flightbooking.kit.outbox.Outbox;
import com.flightbooking.workers.mail.EmailOutbox;

import io.quarkus.logging.Log;
import io.quarkus.mailer.Mail;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Decides each customer email once: the statement that records it ({@link SentEmailRepository}) also queues it in
 * the email outbox ({@link EmailOutbox}), which sends it after the commit, outside any transaction, and announces it
 * as {@code CustomerNotified} (what it was about, nothing personal). A failed decision sends nothing; a recorded one is
 * never queued or announced again.
 * <p>
 * One statement on the Vert.x pool, not a Hibernate Reactive transaction: every booking gets at least one email, and
 * the three inserts need no entity, while a session, BEGIN and COMMIT around them cost the workers and PostgreSQL
 * more CPU than the statement (issue #13).
 */
@ApplicationScoped
public class NotificationService {

    /** The outcome an upgrade email is recorded under: one per booking, however often the airline's news comes. */
    static final String UPGRADED = "UPGRADED";
    /** The sent_email outcome of a departure reminder (the others are booking statuses). */
    static final String REMINDER = "REMINDER";

    static final String EVENT_SOURCE = "/workers/notification";

    private final Pool pool;
    private final SentEmailRepository sent;
    private final Outbox outbox;
    private final Clock clock;

    NotificationService(Pool pool, SentEmailRepository sent, Outbox outbox, Clock clock) {
        this.pool = pool;
        this.sent = sent;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * Queues {@code mail} unless the booking's email about {@code outcome} was decided already.
     *
     * @param outcome what the email is about: a booking status (CONFIRMED, ...), {@link #UPGRADED} or {@link #REMINDER}
     */
    public Uni<Void> sendOnce(EventEnvelope cause, UUID bookingId, String outcome, Mail mail) {
        Instant sentAt = clock.instant();
        EventEnvelope notified = cause.followUp(new CustomerNotified(bookingId, outcome), EVENT_SOURCE, sentAt);
        return outbox.appendIfWritten(pool, sent.recordFirst(bookingId, outcome, cause.id(), mail, sentAt),
                List.of(notified)).invoke(first -> {
                    if (first) {
                        Log.infof("Queued the email to the customer about booking %s: %s", bookingId, outcome);
                    } else {
                        Log.infof("Email for booking %s %s already decided", bookingId, outcome);
                    }
                }).replaceWithVoid();
    }
}
