package com.flightbooking.workers.invoicing;

import java.time.Instant;
import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A billing period whose invoices are all issued, recorded in the transaction that issued them. */
@Entity
@Table(name = "invoice_period")
public class InvoicePeriod {

    @Id
    @Column(name = "period_start")
    public LocalDate periodStart;

    @Column(name = "period_end", nullable = false, updatable = false)
    public LocalDate periodEnd;

    /** How many invoices the period's run issued. */
    @Column(nullable = false, updatable = false)
    public int invoices;

    @Column(name = "completed_at", nullable = false, updatable = false)
    public Instant completedAt;
}
