package com.flightbooking.kit.tracing;

/**
 * Names of the log context (MDC) fields set while a request or an event is handled. OpenTelemetry adds
 * {@code traceId} and {@code spanId} itself; JSON logs carry all of them, the readable format prints them.
 */
public final class LogFields {

    public static final String CORRELATION_ID = "correlationId";
    public static final String BOOKING_ID = "bookingId";

    private LogFields() {
    }
}
