package com.flightbooking.events;

import java.util.Arrays;
import java.util.Optional;

/**
 * The CloudEvents {@code type} of each payload. The version is part of the type: a breaking change to a payload is a
 * new type (…​.v2) that consumers opt into, while additive changes keep the type and old readers ignore new fields.
 */
public enum EventType {

    BOOKING_REQUESTED("com.flightbooking.booking.requested.v1", BookingRequested.class);

    private final String ceType;
    private final Class<? extends EventPayload> payloadClass;

    EventType(String ceType, Class<? extends EventPayload> payloadClass) {
        this.ceType = ceType;
        this.payloadClass = payloadClass;
    }

    public String ceType() {
        return ceType;
    }

    public Class<? extends EventPayload> payloadClass() {
        return payloadClass;
    }

    public static Optional<EventType> fromCeType(String ceType) {
        return Arrays.stream(values()).filter(t -> t.ceType.equals(ceType)).findFirst();
    }

    public static EventType of(EventPayload payload) {
        return Arrays.stream(values())
                .filter(t -> t.payloadClass == payload.getClass())
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No event type for " + payload.getClass()));
    }
}
