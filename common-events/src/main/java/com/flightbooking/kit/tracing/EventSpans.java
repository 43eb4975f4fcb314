package com.flightbooking.kit.tracing;

import jakarta.enterprise.context.ApplicationScoped;

import com.flightbooking.events.BookingEvent;
import com.flightbooking.events.EventEnvelope;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;

/**
 * Spans for events on their way: one PRODUCER span per event the outbox relay publishes, child of the context the
 * event was created in, and one CONSUMER span per delivery a role handles, child of the publishing span. So one
 * booking is one trace across the API, the topic, every queue and every worker (OpenTelemetry messaging semantic
 * conventions for the attribute names).
 */
@ApplicationScoped
public class EventSpans {

    public static final AttributeKey<String> CORRELATION_ID = AttributeKey.stringKey("flights.correlation_id");
    public static final AttributeKey<String> BOOKING_ID = AttributeKey.stringKey("flights.booking_id");
    public static final AttributeKey<String> EVENT_TYPE = AttributeKey.stringKey("flights.event_type");
    public static final AttributeKey<String> ROLE = AttributeKey.stringKey("flights.role");
    private static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");
    private static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    private static final AttributeKey<String> OPERATION = AttributeKey.stringKey("messaging.operation.type");
    private static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");

    private final Tracer tracer;

    public EventSpans(Tracer tracer) {
        this.tracer = tracer;
    }

    /** Started when the relay hands the event to SNS; its context travels as the message's traceparent. */
    public Span publishing(String topic, String eventType, String eventId, String subject, String correlationId,
            String traceparent) {
        SpanBuilder span = tracer.spanBuilder(topic + " publish")
                .setSpanKind(SpanKind.PRODUCER)
                .setParent(TraceParents.parent(traceparent))
                .setAttribute(SYSTEM, "aws_sns")
                .setAttribute(DESTINATION, topic)
                .setAttribute(OPERATION, "send")
                .setAttribute(MESSAGE_ID, eventId)
                .setAttribute(EVENT_TYPE, eventType)
                .setAttribute(BOOKING_ID, subject);
        if (correlationId != null) {
            span.setAttribute(CORRELATION_ID, correlationId);
        }
        return span.startSpan();
    }

    /**
     * Started when a role's handler gets a delivery. The parent is the message attribute (the publishing span) or,
     * for an event sent without it, the context the event was created in.
     */
    public Span processing(String role, String queue, String messageId, String traceparentAttribute,
            EventEnvelope event) {
        String parent = traceparentAttribute != null ? traceparentAttribute : event.traceparent();
        SpanBuilder span = tracer.spanBuilder(queue + " process")
                .setSpanKind(SpanKind.CONSUMER)
                .setParent(TraceParents.parent(parent))
                .setAttribute(SYSTEM, "aws_sqs")
                .setAttribute(DESTINATION, queue)
                .setAttribute(OPERATION, "process")
                .setAttribute(MESSAGE_ID, messageId)
                .setAttribute(ROLE, role)
                .setAttribute(EVENT_TYPE, event.type().ceType());
        if (event.data() instanceof BookingEvent) {
            span.setAttribute(BOOKING_ID, event.subject());
        }
        if (event.correlationId() != null) {
            span.setAttribute(CORRELATION_ID, event.correlationId());
        }
        return span.startSpan();
    }

    /** Ends {@code span}, marked failed with {@code failure} when there is one. */
    public static void end(Span span, Throwable failure) {
        if (failure != null) {
            span.recordException(failure);
            span.setStatus(StatusCode.ERROR, failure.getMessage() == null ? failure.getClass().getSimpleName()
                    : failure.getMessage());
        }
        span.end();
    }
}
