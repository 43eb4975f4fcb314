package com.flightbooking.events;

import java.util.Objects;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The charge of a booking was refunded in full, because the seat could not be booked or the booking was cancelled or expired;
 * {@code detail} says why in words for the customer (the fulfiller's refusal, say), when known.
 */
@RegisterForReflection
public record PaymentRefunded(UUID bookingId, BookingDetails booking, String chargeId, String refundId, Reason reason,
        String detail) implements BookingEvent {

    public enum Reason {
        FULFILMENT_FAILED,
        BOOKING_CANCELLED,
        /** The booking reached the saga's deadline without an outcome (status EXPIRED). */
        BOOKING_EXPIRED
    }

    public PaymentRefunded {
        Objects.requireNonNull(bookingId, "bookingId");
        Objects.requireNonNull(booking, "booking");
        Objects.requireNonNull(chargeId, "chargeId");
        Objects.requireNonNull(refundId, "refundId");
        Objects.requireNonNull(reason, "reason");
    }
}
