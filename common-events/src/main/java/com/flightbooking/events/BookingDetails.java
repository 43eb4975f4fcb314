package com.flightbooking.events;

import java.util.Objects;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What every saga event carries about its booking, so that each worker can do its job from the event alone (no
 * calls back to the booking API, no shared database).
 */
@RegisterForReflection
public record BookingDetails(Passenger passenger, Flight flight, Money fare, String corporateAccountId) {

    public BookingDetails {
        Objects.requireNonNull(passenger, "passenger");
        Objects.requireNonNull(flight, "flight");
        Objects.requireNonNull(fare, "fare");
    }
}
