package com.flightbooking.events;

import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The airline changed something about a confirmed booking after it was made (found by the airline check a few
 * minutes after purchase): the cabin (an upgrade), a lounge pass, the last date to issue the ticket.
 */
@RegisterForReflection
public record AirlineInfoUpdated(UUID bookingId, BookingDetails booking, String recordLocator, String cabin,
        boolean upgraded, boolean loungePass, LocalDate lastTicketingDate) implements BookingEvent {

    public AirlineInfoUpdated {
        Objects.requireNonNull(bookingId, "bookingId");
        Objects.requireNonNull(booking, "booking");
        Objects.requireNonNull(recordLocator, "recordLocator");
        Objects.requireNonNull(cabin, "cabin");
    }
}
