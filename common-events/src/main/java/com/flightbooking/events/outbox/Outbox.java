package com.flightbooking.events.outbox;

import jakarta.enterprise.context.ApplicationScoped;

import com.flightbooking.events.EventCodec;
import com.flightbooking.events.EventEnvelope;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Appends events to the outbox within the caller's transaction. Nothing is sent here: the relay publishes after
 * commit, so an event leaves if and only if the state change that caused it was committed.
 */
@ApplicationScoped
public class Outbox {

    private final EventCodec codec;

    Outbox(EventCodec codec) {
        this.codec = codec;
    }

    public Uni<Void> append(EventEnvelope event) {
        OutboxMessage message = OutboxMessage.of(event, codec.encode(event));
        return Panache.getSession().chain(session -> session.persist(message));
    }
}
