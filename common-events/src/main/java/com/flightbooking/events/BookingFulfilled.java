package com.flightbooking.events;

import java.util.Objects;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The travel fulfiller booked the seat; {@code recordLocator} is the reservation's reference for the customer. */
@RegisterForReflection
public record BookingFulfilled(UUID bookingId, BookingDetails booking, String recordLocator) implements BookingEvent {

    public BookingFulfilled {
        Objects.requireNonNull(bookingId, "bookingId");
        Objects.requireNonNull(booking, "booking");
        Objects.requireNonNull(recordLocator, "recordLocator");
    }
}
