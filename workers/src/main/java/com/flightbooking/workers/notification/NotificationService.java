package com.flightbooking.workers.notification;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.flightbooking.events.CustomerNotified;
import com.flightbooking.events.EventEnvelope;
import com.flightbooking.kit.outbox.Outbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;

/**
 * Sends each customer email once. The email is sent inside the transaction that records it
 * ({@link SentEmailRepository}), so a failed send is retried and a recorded one is never repeated; only a crash between
 * the mail server's acceptance and the commit can send it twice (with the same Message-ID). The same transaction
 * announces the email as {@code CustomerNotified} (what it was about, nothing personal), once per recorded email.
 */
@ApplicationScoped
public class NotificationService {

    /** The outcome an upgrade email is recorded under: one per booking, however often the airline's news comes. */
    static final String UPGRADED = "UPGRADED";
    /** The sent_email outcome of a departure reminder (the others are booking statuses). */
    static final String REMINDER = "REMINDER";

    static final String EVENT_SOURCE = "/workers/notification";

    private final SentEmailRepository sent;
    private final ReactiveMailer mailer;
    private final Outbox outbox;
    private final Clock clock;

    NotificationService(SentEmailRepository sent, ReactiveMailer mailer, Outbox outbox, Clock clock) {
        this.sent = sent;
        this.mailer = mailer;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * Sends {@code mail} unless the booking's email about {@code outcome} went out already.
     *
     * @param outcome what the email is about: a booking status (CONFIRMED, ...), {@link #UPGRADED} or {@link #REMINDER}
     */
    @WithTransaction
    public Uni<Void> sendOnce(EventEnvelope cause, UUID bookingId, String outcome, Mail mail) {
        Instant sentAt = clock.instant();
        return sent.recordFirst(bookingId, outcome, cause.id(), mail.getTo().get(0), sentAt).chain(first -> {
            if (!first) {
                Log.infof("Email for booking %s %s already sent", bookingId, outcome);
                return Uni.createFrom().voidItem();
            }
            // Written before sending: a failed send rolls the announcement back with the record, and a failed write
            // sends nothing.
            EventEnvelope notified = cause.followUp(new CustomerNotified(bookingId, outcome), EVENT_SOURCE, sentAt);
            return outbox.append(notified)
                    .chain(Panache::flush)
                    .chain(() -> mailer.send(mail))
                    // The type only, without the cause: the retry log, the span and a dead letter's reason show this
                    // failure, and a mail server's answer often names the recipient.
                    .onFailure().transform(failure -> new IllegalStateException("Emailing the customer about booking "
                            + bookingId + " (" + outcome + ") failed: " + failure.getClass().getName()))
                    .invoke(() -> Log.infof("Emailed the customer about booking %s: %s", bookingId, outcome));
        });
    }
}
