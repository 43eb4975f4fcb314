package com.flightbooking.workers.notification;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.flightbooking.kit.outbox.Outbox;
import com.flightbooking.kit.outbox.Outbox.ConditionalWrite;
import com.flightbooking.kit.postgres.PoolRows;
import com.flightbooking.workers.mail.EmailOutbox;

import io.quarkus.mailer.Mail;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Which emails went out ({@code sent_email}): at most one per booking and outcome. Only ever written, by one
 * insert-if-absent that also queues the email ({@link EmailOutbox#queueWhen}) and announces it
 * ({@link Outbox#appendIfWritten}), so it maps no entity ({@link NotificationService} says why).
 */
@ApplicationScoped
public class SentEmailRepository {

    private static final String RECORD_FIRST = ConditionalWrite.statement("""
            written AS (
                INSERT INTO sent_email (booking_id, outcome, event_id, recipient, sent_at)
                VALUES ($1, $2, $3, $4, $5) ON CONFLICT (booking_id, outcome) DO NOTHING RETURNING 1),
            """ + EmailOutbox.queueWhen("written", 5), 10);

    /**
     * Records {@code mail} as the booking's email about {@code outcome} and queues it, unless one was recorded
     * already: then it writes and announces nothing.
     *
     * @param outcome what the email is about: a booking status (CONFIRMED, ...) or another kind (UPGRADED, ...)
     */
    public ConditionalWrite recordFirst(UUID bookingId, String outcome, UUID eventId, Mail mail, Instant sentAt) {
        return new ConditionalWrite(RECORD_FIRST, EmailOutbox.withQueued(
                Tuple.of(bookingId, outcome, eventId, mail.getTo().get(0), PoolRows.utc(sentAt)), mail));
    }
}
