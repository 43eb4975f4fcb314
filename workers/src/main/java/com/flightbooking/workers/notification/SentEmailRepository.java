package com.flightbooking.workers.notification;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * Which emails went out ({@code sent_email}): at most one per booking and outcome, recorded in the sender's
 * transaction. Only ever written, by one insert-if-absent, so it maps no entity.
 */
@ApplicationScoped
@WithSession
public class SentEmailRepository {

    private static final String RECORD = """
            INSERT INTO sent_email (booking_id, outcome, event_id, recipient, sent_at)
            VALUES (:bookingId, :outcome, :eventId, :recipient, :sentAt) ON CONFLICT (booking_id, outcome) DO NOTHING""";

    /**
     * True when this email is not recorded yet (and now is, pending commit).
     *
     * @param outcome what the email is about: a booking status (CONFIRMED, ...) or another kind (UPGRADED, ...)
     */
    public Uni<Boolean> recordFirst(UUID bookingId, String outcome, UUID eventId, String recipient, Instant sentAt) {
        return Panache.getSession().chain(session -> session.createNativeQuery(RECORD)
                .setParameter("bookingId", bookingId)
                .setParameter("outcome", outcome)
                .setParameter("eventId", eventId)
                .setParameter("recipient", recipient)
                .setParameter("sentAt", sentAt)
                .executeUpdate())
                .map(inserted -> inserted == 1);
    }
}
