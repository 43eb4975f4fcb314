package com.flightbooking.events;

import java.util.Objects;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The booking API moved a booking to a new status. The API's state machine is the one authority on a booking's
 * status, so customer-facing reactions (emails) and compensations of a cancellation follow this event rather than
 * the workers' own events: a cancelled booking can never be announced as confirmed.
 */
@RegisterForReflection
public record BookingStatusChanged(UUID bookingId, BookingDetails booking, Status status, String recordLocator,
        String reason) implements BookingEvent {

    public enum Status {
        CONFIRMED,
        PAYMENT_DECLINED,
        FAILED_REFUNDED,
        CANCELLED,
        /** No outcome within the saga's deadline: ended by the booking API, compensated like a cancellation. */
        EXPIRED
    }

    public BookingStatusChanged {
        Objects.requireNonNull(bookingId, "bookingId");
        Objects.requireNonNull(booking, "booking");
        Objects.requireNonNull(status, "status");
    }
}
