package com.flightbooking.workers.fulfilment;

import java.time.Instant;
import java.util.UUID;

/**
 * The fulfilment worker's state for one booking's seat.
 *
 * <pre>
 * (none) ─PaymentCharged─▶ RESERVING ─▶ RESERVED ─cancelled─▶ CANCELLING ─▶ CANCELLED
 *                                    └─▶ FAILED (refused, or still failing after max-attempts)
 * (none) ─cancelled─▶ CANCELLED   (the seat is never booked)
 * RESERVING ─cancelled─▶ RESERVING with cancelRequested ─booked─▶ CANCELLING   (released at once)
 *                                                        └─failed─▶ FAILED   (nothing to release)
 * </pre>
 * <p>
 * A row of {@code reservation}, read and written by {@link ReservationRepository} on the Vert.x pool.
 */
public class Reservation {

    public enum Status {
        RESERVING,
        RESERVED,
        FAILED,
        CANCELLING,
        CANCELLED
    }

    public UUID bookingId;

    public Status status;

    /** Calls made to the fulfiller so far; the worker gives up after {@code flights.fulfilment.max-attempts}. */
    public int attempts;

    /** The booking was cancelled while the seat was being booked: the booking's outcome decides what to release. */
    public boolean cancelRequested;

    public String recordLocator;

    public String failureReason;

    public Instant createdAt;

    public Instant updatedAt;
}
