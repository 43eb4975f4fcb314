package com.flightbooking.workers.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import com.flightbooking.events.PaymentRefunded;

/**
 * The payment worker's state for one booking. A row exists before the processor is called, so a crash mid-call is
 * resumed with the same idempotency key, and a cancellation that arrives first stops the charge from ever starting.
 *
 * <pre>
 * (none) ─BookingRequested─▶ CHARGING ─▶ CHARGED ─FulfilmentFailed / cancelled─▶ REFUNDING ─▶ REFUNDED
 *                                    └─▶ DECLINED
 * (none) ─cancelled─▶ CANCELLED   (the charge never starts)
 * CHARGING ─cancelled─▶ CHARGING with a refund reason ─charged─▶ CHARGED ─▶ REFUNDING   (refunded at once)
 *                                                      └─declined─▶ DECLINED   (nothing to undo)
 * </pre>
 * <p>
 * A row of {@code payment}, read and written by {@link PaymentRepository} on the Vert.x pool.
 */
public class Payment {

    public enum Status {
        CHARGING,
        CHARGED,
        DECLINED,
        REFUNDING,
        REFUNDED,
        CANCELLED
    }

    public UUID bookingId;

    public Status status;

    public BigDecimal amount;

    public String currency;

    public String chargeId;

    public String refundId;

    /**
     * Why the payment is refunded. Set while CHARGING, it is a cancellation that met the charge in flight: the charge's
     * outcome decides whether there is anything to refund.
     */
    public PaymentRefunded.Reason refundReason;

    public String declineReason;

    public Instant createdAt;

    public Instant updatedAt;
}
