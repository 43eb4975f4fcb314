package com.flightbooking.workers.invoicing;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A corporate client's billing details: where its invoices are emailed. Maintained by ops. */
@Entity
@Table(name = "corporate_account")
public class CorporateAccount {

    /** The id bookings and the ledger carry ({@code corporateAccountId}). */
    @Id
    public String id;

    @Column(nullable = false)
    public String name;

    /** Null until ops set it; the account's invoices are issued anyway and emailed once it is set. */
    @Column(name = "billing_email")
    public String billingEmail;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
