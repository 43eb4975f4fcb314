package com.flightbooking.booking.api.service;

import com.flightbooking.booking.api.BookingStatus;

/** The booking already ended without a trip (declined, failed): there is nothing left to cancel. */
public class BookingNotCancellableException extends RuntimeException {

    public BookingNotCancellableException(java.util.UUID id, BookingStatus status) {
        super("Booking " + id + " is " + status + " and cannot be cancelled.");
    }
}
