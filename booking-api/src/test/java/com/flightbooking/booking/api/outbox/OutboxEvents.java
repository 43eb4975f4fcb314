package com.flightbooking.booking.api.outbox;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.flightbooking.events.EventEnvelope;
import com.flightbooking.events.HttpResponseSent;

/**
 * Events for outbox rows written by the relay tests themselves. Response events: every role's filter drops them, so
 * publishing thousands of them starts no work in the app.
 */
final class OutboxEvents {

    /** Over what SNS takes in one message (256 KiB), so that SNS refuses this entry of a batch and takes the rest. */
    private static final int OVERSIZED_ROUTE = 300 * 1024;

    private OutboxEvents() {
    }

    /** An event whose subject is {@code subject}. */
    static EventEnvelope responseEvent(String subject) {
        return responseEvent(subject, "/bookings");
    }

    static EventEnvelope oversizedResponseEvent(String subject) {
        return responseEvent(subject, "/" + "x".repeat(OVERSIZED_ROUTE));
    }

    private static EventEnvelope responseEvent(String subject, String route) {
        return EventEnvelope.of(new HttpResponseSent("POST", route, 202, 1.0, Map.of(), subject),
                "/booking-api", Instant.now(), "outbox-test-" + UUID.randomUUID(), null);
    }
}
