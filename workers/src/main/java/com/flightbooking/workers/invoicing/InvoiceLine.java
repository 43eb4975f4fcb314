package com.flightbooking.workers.invoicing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import com.flightbooking.workers.ledger.LedgerEntry;

/** One ledger entry billed on an invoice, copied as it was; every ledger entry is billed at most once. */
@Entity
@Table(name = "invoice_line")
public class InvoiceLine {

    @Id
    @Column(name = "ledger_entry_id")
    public Long ledgerEntryId;

    @Column(name = "invoice_id", nullable = false, updatable = false)
    public UUID invoiceId;

    @Column(name = "booking_id", nullable = false, updatable = false)
    public UUID bookingId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    public LedgerEntry.Kind kind;

    /** Signed like the ledger: a refund is negative. */
    @Column(nullable = false, updatable = false)
    public BigDecimal amount;

    @Column(nullable = false, updatable = false)
    public String currency;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    public Instant occurredAt;
}
