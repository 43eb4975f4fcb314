package com.flightbooking.kit.outbox;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import com.flightbooking.events.EventEnvelope;

/** An event waiting in the outbox table (written by {@link Outbox}, published and marked by {@link OutboxRelay}). */
@Entity
@Table(name = "outbox")
public class OutboxMessage {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "event_id", nullable = false, updatable = false)
    public UUID eventId;

    @Column(name = "event_type", nullable = false, updatable = false)
    public String eventType;

    @Column(nullable = false, updatable = false)
    public String subject;

    @Column(name = "correlation_id", updatable = false)
    public String correlationId;

    @Column(updatable = false)
    public String traceparent;

    @Column(nullable = false, updatable = false)
    public String body;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "published_at", insertable = false, updatable = false)
    public Instant publishedAt;

    static OutboxMessage of(EventEnvelope event, String body) {
        OutboxMessage message = new OutboxMessage();
        message.eventId = event.id();
        message.eventType = event.type().ceType();
        message.subject = event.subject();
        message.correlationId = event.correlationId();
        message.traceparent = event.traceparent();
        message.body = body;
        message.createdAt = event.time();
        return message;
    }
}
