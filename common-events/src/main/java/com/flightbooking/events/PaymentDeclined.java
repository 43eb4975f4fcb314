package com.flightbooking.events;

import java.util.Objects;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The payment processor declined the charge; nothing was taken. {@code reason} is the processor's, for the customer. */
@RegisterForReflection
public record PaymentDeclined(UUID bookingId, BookingDetails booking, String reason) implements BookingEvent {

    public PaymentDeclined {
        Objects.requireNonNull(bookingId, "bookingId");
        Objects.requireNonNull(booking, "booking");
        Objects.requireNonNull(reason, "reason");
    }
}
