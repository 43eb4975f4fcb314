package com.flightbooking.workers.mail;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.mailer.Mail;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Queues an email in the caller's transaction ({@code email_outbox}); {@link EmailSender} sends it once that commits.
 * No mail server is ever called inside a database transaction, and a rolled-back decision sends nothing. The caller's
 * transaction is a Hibernate Reactive one (invoices) or one on the Vert.x pool (the customer emails, decided on every
 * booking's hot path, where Hibernate Reactive's session cost more CPU than the statements: issue #13).
 */
@ApplicationScoped
public class EmailOutbox {

    public static final String MESSAGE_ID = "Message-ID";

    private static final String QUEUE = """
            INSERT INTO email_outbox (message_id, recipient, subject, text_body, html_body)
            VALUES (:messageId, :recipient, :subject, :text, :html) ON CONFLICT (message_id) DO NOTHING""";
    private static final String QUEUE_ON_CONNECTION = """
            INSERT INTO email_outbox (message_id, recipient, subject, text_body, html_body)
            VALUES ($1, $2, $3, $4, $5) ON CONFLICT (message_id) DO NOTHING""";

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

    /** {@link #queue(Mail)} within a transaction the caller holds on {@code connection}. */
    public Uni<Boolean> queue(SqlConnection connection, Mail mail) {
        String messageId = messageIdOf(mail);
        return connection.preparedQuery(QUEUE_ON_CONNECTION)
                .execute(Tuple.of(messageId, mail.getTo().get(0), mail.getSubject(), mail.getText(), mail.getHtml()))
                .map(rows -> rows.rowCount() == 1);
    }

    private static String messageIdOf(Mail mail) {
        List<String> messageIds = mail.getHeaders().get(MESSAGE_ID);
        if (messageIds == null || messageIds.size() != 1 || mail.getTo().size() != 1) {
            throw new IllegalArgumentException("An email to queue has one recipient and one Message-ID");
        }
        return messageIds.get(0);
    }
}
