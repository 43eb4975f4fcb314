package com.flightbooking.events.messaging;

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
}
