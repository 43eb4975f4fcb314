package com.flightbooking.events.inbox;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Remembers which events each consumer has handled. Called inside the consumer's transaction, before its effect:
 * the effect and the record commit together, so a redelivered event is recognised and its effect not repeated. Two
 * concurrent deliveries of one event serialise on the primary key; the second sees it as already handled.
 */
@ApplicationScoped
public class Inbox {

    private static final String RECORD = """
            INSERT INTO inbox (consumer, event_id) VALUES (:consumer, :eventId) ON CONFLICT DO NOTHING""";

    /** True the first time {@code consumer} sees {@code eventId}; false for every redelivery. */
    public Uni<Boolean> firstDelivery(String consumer, UUID eventId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(RECORD)
                .setParameter("consumer", consumer)
                .setParameter("eventId", eventId)
                .executeUpdate())
                .map(inserted -> inserted == 1);
    }
}
