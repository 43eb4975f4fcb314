package com.flightbooking.events;

import java.util.Objects;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The seat of a cancelled booking was given back to the travel fulfiller. */
@RegisterForReflection
public record ReservationCancelled(UUID bookingId, BookingDetails booking, String recordLocator)
        implements
            BookingEvent {

    public ReservationCancelled {
        Objects.requireNonNull(bookingId, "bookingId");
        Objects.requireNonNull(booking, "booking");
        Objects.requireNonNull(recordLocator, "recordLocator");
    }
}
