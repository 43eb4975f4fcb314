package com.flightbooking.booking.api.service;

import java.util.UUID;

import com.flightbooking.booking.api.BookingStatus;
import com.flightbooking.kit.problem.ProblemException;

/** The booking already ended without a trip (declined, failed): there is nothing left to cancel. */
public class BookingNotCancellableException extends ProblemException {

    public BookingNotCancellableException(UUID id, BookingStatus status) {
        super(409, "not-cancellable", "Booking " + id + " is " + status + " and cannot be cancelled.");
    }
}
