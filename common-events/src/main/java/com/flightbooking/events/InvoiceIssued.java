package com.flightbooking.events;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A corporate account's invoice for one billing period [{@code periodStart}, {@code periodEnd}) was issued: the net
 * of its ledger entries per currency (charges minus refunds). The lines stay with the invoice; {@code lineCount} says
 * how many there are.
 */
@RegisterForReflection
public record InvoiceIssued(UUID invoiceId, String corporateAccountId, LocalDate periodStart, LocalDate periodEnd,
        List<Money> totals, int lineCount) implements EventPayload {

    public InvoiceIssued {
        Objects.requireNonNull(invoiceId, "invoiceId");
        Objects.requireNonNull(corporateAccountId, "corporateAccountId");
        Objects.requireNonNull(periodStart, "periodStart");
        Objects.requireNonNull(periodEnd, "periodEnd");
        totals = List.copyOf(totals);
    }

    @Override
    public String subject() {
        return invoiceId.toString();
    }
}
