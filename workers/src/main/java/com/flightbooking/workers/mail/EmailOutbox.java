package com.flightbooking.workers.mail;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.mailer.Mail;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Queues an email in the caller's transaction ({@code email_outbox}); {@link EmailSender} sends it once that commits.
 * No mail server is ever called inside a database transaction, and a rolled-back decision sends nothing. The caller's
 * transaction is a Hibernate Reactive one (invoices) or the one statement that decides a customer email on the Vert.x
 * pool ({@link #queueWhen}: decided on every booking's hot path, where a session cost more CPU than the statement,
 * issue #13).
 */
@ApplicationScoped
public class EmailOutbox {

    public static final String MESSAGE_ID = "Message-ID";

    private static final String QUEUE = """
            INSERT INTO email_outbox (message_id, recipient, subject, text_body, html_body)
            VALUES (:messageId, :recipient, :subject, :text, :html) ON CONFLICT (message_id) DO NOTHING""";

    /**
     * Queues {@code mail} (one recipient, a {@value #MESSAGE_ID} header) unless an email with its Message-ID is queued
     * already, within the current Hibernate Reactive transaction: true when it was queued now (pending the caller's
     * commit).
     */
    @WithSession
    public Uni<Boolean> queue(Mail mail) {
        String messageId = messageIdOf(mail);
        return Panache.getSession().chain(session -> session.createNativeQuery(QUEUE)
                .setParameter("messageId", messageId)
                .setParameter("recipient", mail.getTo().get(0))
                .setParameter("subject", mail.getSubject())
                .setParameter("text", mail.getText())
                .setParameter("html", mail.getHtml())
                .executeUpdate())
                .map(inserted -> inserted == 1);
    }

    /**
     * A query of a WITH clause that queues an email as {@link #queue(Mail)} does, when the clause's query {@code guard}
     * returned a row: the email goes with the write that decided it, in one statement. Its parameters are numbered
     * after the first {@code skipped}, in the order {@link #withQueued} adds them.
     */
    public static String queueWhen(String guard, int skipped) {
        return """
                queued AS (
                    INSERT INTO email_outbox (message_id, recipient, subject, text_body, html_body)
                    SELECT $%d::text, $%d::text, $%d::text, $%d::text, $%d::text FROM %s
                    ON CONFLICT (message_id) DO NOTHING)""".formatted(skipped + 1, skipped + 2, skipped + 3,
                skipped + 4, skipped + 5, guard);
    }

    /** Adds {@code mail}'s columns to {@code tuple}, for {@link #queueWhen}. */
    public static Tuple withQueued(Tuple tuple, Mail mail) {
        return tuple.addString(messageIdOf(mail)).addString(mail.getTo().get(0)).addString(mail.getSubject())
                .addString(mail.getText()).addString(mail.getHtml());
    }

    private static String messageIdOf(Mail mail) {
        List<String> messageIds = mail.getHeaders().get(MESSAGE_ID);
        if (messageIds == null || messageIds.size() != 1 || mail.getTo().size() != 1) {
            throw new IllegalArgumentException("An email to queue has one recipient and one Message-ID");
        }
        return messageIds.get(0);
    }
}
