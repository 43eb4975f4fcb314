package com.flightbooking.workers.airline;

import java.time.LocalDate;
import java.util.Objects;

/**
 * What the airline holds about a booking beyond the booking itself. A booking is made in economy with nothing added,
 * so anything else is news for the customer: another cabin (an upgrade), a lounge pass, a last ticketing date.
 */
record AirlineInfo(String cabin, boolean loungePass, LocalDate lastTicketingDate) {

    static final String ECONOMY = "ECONOMY";

    static AirlineInfo of(AirlineClient.AirlineBooking booking) {
        return new AirlineInfo(booking.cabin(), booking.loungePass(), booking.lastTicketingDate());
    }

    static AirlineInfo of(AirlineCheck check) {
        return new AirlineInfo(check.cabin, check.loungePass, check.lastTicketingDate);
    }

    boolean upgraded() {
        return !ECONOMY.equalsIgnoreCase(cabinOrEconomy());
    }

    /** Whether the customer would see a difference; an unknown cabin is the economy cabin they booked. */
    boolean sameForCustomer(AirlineInfo other) {
        return cabinOrEconomy().equalsIgnoreCase(other.cabinOrEconomy()) && loungePass == other.loungePass
                && Objects.equals(lastTicketingDate, other.lastTicketingDate);
    }

    /** The cabin, or the economy cabin booked when the airline names none. */
    String cabinOrEconomy() {
        return cabin == null || cabin.isBlank() ? ECONOMY : cabin;
    }
}
