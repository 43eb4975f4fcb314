package com.flightbooking.workers.fulfilment;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

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
 */
@Entity
@Table(name = "reservation")
public class Reservation {

    public enum Status {
        RESERVING,
        RESERVED,
        FAILED,
        CANCELLING,
        CANCELLED
    }

    @Id
    @Column(name = "booking_id")
    public UUID bookingId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    /** Calls made to the fulfiller so far; the worker gives up after {@code flights.fulfilment.max-attempts}. */
    @Column(nullable = false)
    public int attempts;

    /** The booking was cancelled while the seat was being booked: the booking's outcome decides what to release. */
    @Column(name = "cancel_requested", nullable = false)
    public boolean cancelRequested;

    @Column(name = "record_locator")
    public String recordLocator;

    @Column(name = "failure_reason")
    public String failureReason;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
