package com.flightbooking.kit.tracing;

import java.util.HashMap;
import java.util.Map;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;

/**
 * W3C {@code traceparent} values, the form in which trace context travels with an event: in the outbox row, the
 * CloudEvents extension attribute and the SNS/SQS message attribute of the same name.
 */
public final class TraceParents {

    private static final String HEADER = "traceparent";
    private static final TextMapGetter<String> SINGLE_VALUE = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return java.util.List.of(HEADER);
        }

        @Override
        public String get(String carrier, String key) {
            return HEADER.equals(key) ? carrier : null;
        }
    };

    private TraceParents() {
    }

    /** The traceparent of the span current on this thread or Vert.x context; null outside any trace. */
    public static String current() {
        return of(Span.current().getSpanContext());
    }

    public static String of(SpanContext span) {
        if (!span.isValid()) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>(2);
        W3CTraceContextPropagator.getInstance().inject(Context.root().with(Span.wrap(span)), carrier, Map::put);
        return carrier.get(HEADER);
    }

    /** A context whose parent is the remote span {@code traceparent} names; the root context when it names none. */
    public static Context parent(String traceparent) {
        if (traceparent == null || traceparent.isBlank()) {
            return Context.root();
        }
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), traceparent, SINGLE_VALUE);
    }

    /** The trace id in {@code traceparent}, or null. */
    public static String traceId(String traceparent) {
        SpanContext span = Span.fromContext(parent(traceparent)).getSpanContext();
        return span.isValid() ? span.getTraceId() : null;
    }
}
