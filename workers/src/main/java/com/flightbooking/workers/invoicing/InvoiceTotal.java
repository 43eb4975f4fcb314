package com.flightbooking.workers.invoicing;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** What an invoice bills in one currency: the sum of its lines in that currency (charges minus refunds). */
@Entity
@Table(name = "invoice_total")
@IdClass(InvoiceTotal.Key.class)
public class InvoiceTotal {

    @Id
    @Column(name = "invoice_id")
    public UUID invoiceId;

    @Id
    public String currency;

    @Column(nullable = false, updatable = false)
    public BigDecimal amount;

    public static class Key {

        public UUID invoiceId;
        public String currency;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(invoiceId, key.invoiceId)
                    && Objects.equals(currency, key.currency);
        }

        @Override
        public int hashCode() {
            return Objects.hash(invoiceId, currency);
        }
    }
}
