package com.flightbooking.workers.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One immutable money movement, the record that reporting and invoicing read. {@code amount} is signed: a charge is
 * positive, a refund negative, so the sum over any set of entries (per currency) is the money actually kept.
 */
@Entity
@Table(name = "ledger_entry")
public class LedgerEntry {

    public enum Kind {
        CHARGE,
        REFUND
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "event_id", nullable = false, updatable = false)
    public UUID eventId;

    @Column(name = "booking_id", nullable = false, updatable = false)
    public UUID bookingId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    public Kind kind;

    @Column(name = "corporate_account_id", updatable = false)
    public String corporateAccountId;

    @Column(nullable = false, updatable = false)
    public BigDecimal amount;

    @Column(nullable = false, updatable = false)
    public String currency;

    /** The processor's charge or refund id. */
    @Column(name = "processor_reference", updatable = false)
    public String processorReference;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    public Instant occurredAt;

    @Column(name = "recorded_at", nullable = false, updatable = false)
    public Instant recordedAt;
}
