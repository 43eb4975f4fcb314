package com.flightbooking.events;

import java.util.Objects;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The payment processor charged the booking's fare; {@code chargeId} is the processor's reference. */
@RegisterForReflection
public record PaymentCharged(UUID bookingId, BookingDetails booking, String chargeId) implements BookingEvent {

    public PaymentCharged {
        Objects.requireNonNull(bookingId, "bookingId");
        Objects.requireNonNull(booking, "booking");
        Objects.requireNonNull(chargeId, "chargeId");
    }
}
