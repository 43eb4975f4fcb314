package com.flightbooking.workers.invoicing;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A corporate account's invoice for one billing period [{@code periodStart}, {@code periodEnd}) (UTC dates): at most
 * one per account and period. Its lines ({@link InvoiceLine}) and totals ({@link InvoiceTotal}) never change once
 * issued; only the email bookkeeping does.
 */
@Entity
@Table(name = "invoice")
public class Invoice {

    @Id
    public UUID id;

    @Column(name = "corporate_account_id", nullable = false, updatable = false)
    public String corporateAccountId;

    @Column(name = "period_start", nullable = false, updatable = false)
    public LocalDate periodStart;

    /** Exclusive: the first day of the next period. */
    @Column(name = "period_end", nullable = false, updatable = false)
    public LocalDate periodEnd;

    @Column(name = "issued_at", nullable = false, updatable = false)
    public Instant issuedAt;

    /** When it was first emailed; null while its email is due. */
    @Column(name = "emailed_at")
    public Instant emailedAt;

    /** The address of the latest email. */
    @Column(name = "emailed_to")
    public String emailedTo;

    @Column(name = "emails_sent", nullable = false)
    public int emailsSent;
}
