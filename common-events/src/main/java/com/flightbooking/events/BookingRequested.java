package com.flightbooking.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A customer asked for a booking. Carries everything the workers need, and a payment processor token — never a card
 * number: the constructor refuses one, so no code path can publish it.
 */
@RegisterForReflection(targets = { BookingRequested.class, BookingRequested.Passenger.class, BookingRequested.Flight.class,
        BookingRequested.Money.class })
public record BookingRequested(
        UUID bookingId,
        Passenger passenger,
        Flight flight,
        Money fare,
        String paymentToken,
        String corporateAccountId) implements EventPayload {

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

    public record Passenger(String name, String email) {
    }

    public record Flight(String number, String origin, String destination, Instant departureTime) {
    }

    public record Money(BigDecimal amount, String currency) {
    }
}
