package com.flightbooking.events.testing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import com.flightbooking.events.BookingRequested;
import com.flightbooking.events.EventEnvelope;

/** Valid events for tests, each about a new booking. */
public final class SampleEvents {

    private SampleEvents() {
    }

    public static BookingRequested bookingRequested(String corporateAccountId, String amount, String currency) {
        return new BookingRequested(UUID.randomUUID(),
                new BookingRequested.Passenger("Grace Hopper", "grace@example.com"),
                new BookingRequested.Flight("BA117", "LHR", "JFK", Instant.parse("2027-03-01T09:00:00Z")),
                new BookingRequested.Money(new BigDecimal(amount), currency), "tok_mastercard_4444",
                corporateAccountId);
    }

    public static EventEnvelope bookingRequestedEvent(String corporateAccountId, String amount, String currency) {
        return EventEnvelope.of(bookingRequested(corporateAccountId, amount, currency), "/booking-api",
                Instant.parse("2026-11-28T10:00:00Z"), "test-" + UUID.randomUUID(), null);
    }
}
