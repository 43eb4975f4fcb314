package com.flightbooking.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A CloudEvents 1.0 event in structured JSON mode. {@code subject} is what the event is about (a booking id, an invoice id);
 * {@code correlationid} and
 * {@code traceparent} are extension attributes carried end to end (traceparent follows the CloudEvents
 * distributed-tracing extension).
 */
public record EventEnvelope(
        UUID id,
        String source,
        EventType type,
        Instant time,
        String subject,
        String correlationId,
        String traceparent,
        EventPayload data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String DATA_CONTENT_TYPE = "application/json";

    public EventEnvelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(data, "data");
        if (type.payloadClass() != data.getClass()) {
            throw new IllegalArgumentException("type " + type.ceType() + " does not carry " + data.getClass());
        }
    }

    /** A new event about {@code data}'s subject, with a fresh id. */
    public static EventEnvelope of(EventPayload data, String source, Instant time, String correlationId,
            String traceparent) {
        return new EventEnvelope(UUID.randomUUID(), source, EventType.of(data), time, data.subject(),
                correlationId, traceparent, data);
    }

    /** An event caused by this one: same correlation id and trace context, so the saga reads as one story. */
    public EventEnvelope followUp(EventPayload next, String nextSource, Instant nextTime) {
        return of(next, nextSource, nextTime, correlationId, traceparent);
    }

    /** This event in another trace context (the same event: same id). */
    public EventEnvelope withTraceparent(String newTraceparent) {
        return new EventEnvelope(id, source, type, time, subject, correlationId, newTraceparent, data);
    }

    @SuppressWarnings("unchecked")
    public <T extends EventPayload> T dataAs(Class<T> payloadClass) {
        if (!payloadClass.isInstance(data)) {
            throw new IllegalStateException("event " + id + " is " + type.ceType() + ", not " + payloadClass.getSimpleName());
        }
        return (T) data;
    }
}
