package com.flightbooking.booking.api.rest;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import com.flightbooking.booking.api.Booking;
import com.flightbooking.booking.api.BookingStatus;

/**
 * A booking as clients see it. {@code cabin}, {@code loungePass} and {@code lastTicketingDate} are what the airline
 * added after confirmation (cabin null until it said anything).
 */
public record BookingView(
        UUID id,
        BookingStatus status,
        String statusReason,
        String recordLocator,
        String cabin,
        boolean loungePass,
        LocalDate lastTicketingDate,
        Passenger passenger,
        Flight flight,
        Fare fare,
        String corporateAccountId,
        Instant createdAt,
        Instant updatedAt) {

    public record Passenger(String name, String email) {
    }

    public record Flight(String number, String origin, String destination, Instant departureTime) {
    }

    public record Fare(BigDecimal amount, String currency) {
    }

    static BookingView of(Booking booking) {
        return new BookingView(booking.id, booking.status, booking.statusReason, booking.recordLocator,
                booking.cabin, booking.loungePass, booking.lastTicketingDate,
                new Passenger(booking.passengerName, booking.passengerEmail),
                new Flight(booking.flightNumber, booking.origin, booking.destination, booking.departureTime),
                new Fare(booking.fareAmount, booking.fareCurrency),
                booking.corporateAccountId, booking.createdAt, booking.updatedAt);
    }
}
