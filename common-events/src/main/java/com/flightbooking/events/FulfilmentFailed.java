package com.flightbooking.events;

import java.util.Objects;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The seat could not be booked (the fulfiller refused, or kept failing); the charge must be refunded. */
@RegisterForReflection
public record FulfilmentFailed(UUID bookingId, BookingDetails booking, String reason) implements BookingEvent {

    public FulfilmentFailed {
        Objects.requireNonNull(bookingId, "bookingId");
        Objects.requireNonNull(booking, "booking");
        Objects.requireNonNull(reason, "reason");
    }
}
