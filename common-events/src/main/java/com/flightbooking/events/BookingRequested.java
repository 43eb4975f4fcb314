package com.flightbooking.events;

import java.util.Objects;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A customer asked for a booking. Carries everything the workers need, and the payment processor token only sealed
 * ({@code paymentTokenRef}, see {@code PaymentTokenSealer}): every role's queue gets this event, only the payment role
 * can open the reference.
 */
@RegisterForReflection
public record BookingRequested(
        UUID bookingId,
        Passenger passenger,
        Flight flight,
        Money fare,
        String paymentTokenRef,
        String corporateAccountId) implements BookingEvent {

    public BookingRequested {
        Objects.requireNonNull(bookingId, "bookingId");
        Objects.requireNonNull(passenger, "passenger");
        Objects.requireNonNull(flight, "flight");
        Objects.requireNonNull(fare, "fare");
        Objects.requireNonNull(paymentTokenRef, "paymentTokenRef");
    }

    public BookingDetails details() {
        return new BookingDetails(passenger, flight, fare, corporateAccountId);
    }
}
