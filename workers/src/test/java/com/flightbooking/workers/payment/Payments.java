package com.flightbooking.workers.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** Payment rows for unit tests: the fare of {@code SampleEvents.details()}, last changed at {@code updatedAt}. */
final class Payments {

    private Payments() {
    }

    static Payment payment(UUID bookingId, Payment.Status status, Instant updatedAt) {
        Payment payment = new Payment();
        payment.bookingId = bookingId;
        payment.status = status;
        payment.amount = new BigDecimal("499.90");
        payment.currency = "EUR";
        payment.createdAt = updatedAt;
        payment.updatedAt = updatedAt;
        return payment;
    }
}
