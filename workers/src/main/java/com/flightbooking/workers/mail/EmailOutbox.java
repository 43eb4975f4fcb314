package com.flightbooking.workers.mail;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.mailer.Mail;
import io.smallrye.mutiny.Uni;

/**
 * Queues an email in the caller's transaction ({@code email_outbox}); {@link EmailSender} sends it once that commits.
 * No mail server is ever called inside a database transaction, and a rolled-back decision sends nothing.
 */
@ApplicationScoped
@WithSession
public class EmailOutbox {

    public static final String MESSAGE_ID = "Message-ID";

    private static final String QUEUE = """
            INSERT INTO email_outbox (message_id, recipient, subject, text_body, html_body)
            VALUES (:messageId, :recipient, :subject, :text, :html) ON CONFLICT (message_id) DO NOTHING""";

    /**
     * Queues {@code mail} (one recipient, a {@value #MESSAGE_ID} header) unless an email with its Message-ID is queued
     * already: true when it was queued now (pending the caller's commit).
     */
    public Uni<Boolean> queue(Mail mail) {
        List<String> messageIds = mail.getHeaders().get(MESSAGE_ID);
        if (messageIds == null || messageIds.size() != 1 || mail.getTo().size() != 1) {
            throw new IllegalArgumentException("An email to queue has one recipient and one Message-ID");
        }
        return Panache.getSession().chain(session -> session.createNativeQuery(QUEUE)
                .setParameter("messageId", messageIds.get(0))
                .setParameter("recipient", mail.getTo().get(0))
                .setParameter("subject", mail.getSubject())
                .setParameter("text", mail.getText())
                .setParameter("html", mail.getHtml())
                .executeUpdate())
                .map(inserted -> inserted == 1);
    }
}
