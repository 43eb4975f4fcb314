package com.flightbooking.booking.api;

import java.util.Set;

/**
 * Where a booking is in the saga. Only the API changes it, from the workers' outcome events and the customer's
 * cancellation:
 *
 * <pre>
 * PENDING ─BookingFulfilled─▶ CONFIRMED ─cancel─▶ CANCELLED
 *    │    ─PaymentDeclined──▶ PAYMENT_DECLINED
 *    │    ─PaymentRefunded (fulfilment failed)─▶ FAILED_REFUNDED
 *    │    ─saga deadline (flights.saga.deadline)─▶ EXPIRED
 *    └────cancel─▶ CANCELLED
 * </pre>
 */
public enum BookingStatus {
    /** Accepted and recorded; payment and fulfilment happen asynchronously in the workers. */
    PENDING,
    /** Paid and the seat booked; the booking has a record locator. */
    CONFIRMED,
    /** The payment processor declined the payment; nothing was charged. */
    PAYMENT_DECLINED,
    /** The seat could not be booked; the payment was refunded. */
    FAILED_REFUNDED,
    /** Cancelled by the customer; any payment is refunded and any seat given back. */
    CANCELLED,
    /**
     * No outcome within the saga's deadline: ended by the API, and compensated like a cancellation (any payment
     * refunded, any seat given back, also when a partner answers later).
     */
    EXPIRED;

    private static final Set<BookingStatus> CANCELLABLE = Set.of(PENDING, CONFIRMED);

    public boolean isCancellable() {
        return CANCELLABLE.contains(this);
    }

    /** No event moves a booking out of a final status. */
    public boolean isFinal() {
        return this != PENDING;
    }
}
