package com.flightbooking.booking.api;

public enum BookingStatus {
    /** Accepted and recorded; payment and fulfilment happen asynchronously in the workers. */
    PENDING
}
