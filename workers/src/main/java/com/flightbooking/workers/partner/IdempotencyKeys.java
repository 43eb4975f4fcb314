package com.flightbooking.workers.partner;

import java.util.UUID;

/**
 * The idempotency key of every partner call, derived from the booking and the kind of call alone: every retry of a
 * step, in whichever replica and after whatever crash, sends the same key, so the partner performs it once.
 */
public final class IdempotencyKeys {

    private IdempotencyKeys() {
    }

    public static String charge(UUID bookingId) {
        return "booking-" + bookingId + "-charge";
    }

    public static String refund(UUID bookingId) {
        return "booking-" + bookingId + "-refund";
    }

    public static String reservation(UUID bookingId) {
        return "booking-" + bookingId + "-reservation";
    }

    public static String reservationCancellation(UUID bookingId) {
        return "booking-" + bookingId + "-reservation-cancellation";
    }
}
