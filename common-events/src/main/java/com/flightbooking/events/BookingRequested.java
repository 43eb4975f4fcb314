package com.flightbooking.events;

import java.util.Objects;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A customer asked for a booking. Carries everything the workers need, and a payment processor token — never a card
 * number: the constructor refuses one, so no code path can publish it.
 */
@RegisterForReflection
public record BookingRequested(
        UUID bookingId,
        Passenger passenger,
        Flight flight,
        Money fare,
        String paymentToken,
        String corporateAccountId) implements BookingEvent {

    public BookingRequested {
        Objects.requireNonNull(bookingId, "bookingId");
        Objects.requireNonNull(passenger, "passenger");
        Objects.requireNonNull(flight, "flight");
        Objects.requireNonNull(fare, "fare");
        Objects.requireNonNull(paymentToken, "paymentToken");
        if (CardNumbers.containsCardNumber(paymentToken)) {
            throw new IllegalArgumentException("paymentToken must be a processor token, not a card number");
        }
    }

    public BookingDetails details() {
        return new BookingDetails(passenger, flight, fare, corporateAccountId);
    }
}
