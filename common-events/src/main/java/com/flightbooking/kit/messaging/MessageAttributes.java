package com.flightbooking.kit.messaging;

import java.util.HashMap;
import java.util.Map;

import com.flightbooking.events.EventEnvelope;

/**
 * SNS/SQS message attributes set on every event. They mirror envelope attributes so that subscription filter
 * policies and consumers can route without parsing the body. SQS allows at most 10 attributes per message: keep
 * this list short.
 */
public final class MessageAttributes {

    public static final String TYPE = "ce_type";
    public static final String ID = "ce_id";
    public static final String SUBJECT = "ce_subject";
    public static final String CORRELATION_ID = "correlationid";
    public static final String TRACEPARENT = "traceparent";

    private MessageAttributes() {
    }

    /** The attributes of an event; the optional extensions only when present. */
    public static Map<String, String> of(String ceType, String id, String subject, String correlationId,
            String traceparent) {
        Map<String, String> attributes = new HashMap<>();
        attributes.put(TYPE, ceType);
        attributes.put(ID, id);
        attributes.put(SUBJECT, subject);
        if (correlationId != null) {
            attributes.put(CORRELATION_ID, correlationId);
        }
        if (traceparent != null) {
            attributes.put(TRACEPARENT, traceparent);
        }
        return attributes;
    }

    public static Map<String, String> of(EventEnvelope event) {
        return of(event.type().ceType(), event.id().toString(), event.subject(), event.correlationId(),
                event.traceparent());
    }
}
