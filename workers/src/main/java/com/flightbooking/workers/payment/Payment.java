package com.flightbooking.workers.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

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
 */
@Entity
@Table(name = "payment")
public class Payment {

    public enum Status {
        CHARGING,
        CHARGED,
        DECLINED,
        REFUNDING,
        REFUNDED,
        CANCELLED
    }

    @Id
    @Column(name = "booking_id")
    public UUID bookingId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(nullable = false)
    public BigDecimal amount;

    @Column(nullable = false)
    public String currency;

    @Column(name = "charge_id")
    public String chargeId;

    @Column(name = "refund_id")
    public String refundId;

    /**
     * Why the payment is refunded. Set while CHARGING, it is a cancellation that met the charge in flight: the charge's
     * outcome decides whether there is anything to refund.
     */
    @Enumerated(EnumType.STRING)
    @Column(name = "refund_reason")
    public PaymentRefunded.Reason refundReason;

    @Column(name = "decline_reason")
    public String declineReason;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
