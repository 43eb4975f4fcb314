package com.flightbooking.workers.invoicing;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** Invoices as the ops endpoints show them: with their totals, and with their lines when one is asked for. */
@ApplicationScoped
public class InvoiceQueryService {

    /** An invoice with its totals, and its lines when asked for. */
    public record IssuedInvoice(Invoice invoice, List<InvoiceTotal> totals, List<InvoiceLine> lines) {
    }

    private final InvoiceRepository invoices;

    InvoiceQueryService(InvoiceRepository invoices) {
        this.invoices = invoices;
    }

    @WithSession
    public Uni<Optional<IssuedInvoice>> find(UUID invoiceId) {
        return invoices.findById(invoiceId).chain(invoice -> invoice == null ? Uni.createFrom().item(Optional.empty())
                : invoices.totalsOf(List.of(invoiceId)).chain(totals -> invoices.linesOf(invoiceId)
                        .map(lines -> Optional.of(new IssuedInvoice(invoice, totals, lines)))));
    }

    /** Invoices of an account (latest first), or of a period, or of the account in the period; without lines. */
    @WithSession
    public Uni<List<IssuedInvoice>> list(String corporateAccountId, LocalDate periodStart, int limit) {
        Uni<List<Invoice>> found;
        if (corporateAccountId != null) {
            found = invoices.findByAccount(corporateAccountId, limit).map(list -> list.stream()
                    .filter(i -> periodStart == null || i.periodStart.equals(periodStart)).toList());
        } else if (periodStart != null) {
            found = invoices.findByPeriod(periodStart, limit);
        } else {
            throw InvoicingProblem.badRequest("Give account=<corporate account id> and/or periodStart=<YYYY-MM-DD>");
        }
        return found.chain(list -> invoices.totalsOf(list.stream().map(i -> i.id).toList()).map(totals -> list.stream()
                .map(invoice -> new IssuedInvoice(invoice,
                        totals.stream().filter(t -> t.invoiceId.equals(invoice.id)).toList(), List.of()))
                .toList()));
    }
}
