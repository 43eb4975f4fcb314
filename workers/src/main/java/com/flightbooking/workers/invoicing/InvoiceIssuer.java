package com.flightbooking.workers.invoicing;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.flightbooking.events.EventEnvelope;
import com.flightbooking.events.InvoiceIssued;
import com.flightbooking.events.Money;
import com.flightbooking.kit.outbox.Outbox;
import com.flightbooking.workers.invoicing.InvoiceRepository.IssuedTotal;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Issues the invoices of one billing period in one transaction: the invoices, their lines and totals, an
 * {@link InvoiceIssued} event each in the outbox, and the period marked completed — all or nothing. The period is
 * locked first (a transaction-scoped advisory lock), so replicas never issue it side by side; the unique key on
 * (account, period) and the one-line-per-ledger-entry key stay as the last guarantee.
 */
@ApplicationScoped
public class InvoiceIssuer {

    static final String EVENT_SOURCE = "/workers/invoicing";

    public enum Outcome {
        /** Issued now, by this call. */
        ISSUED,
        /** Issued before. */
        DONE,
        /** Another run holds the period's lock (only when not asked to wait). */
        BUSY
    }

    /** What became of a period: its invoice count and completion time unless it is BUSY. */
    public record PeriodResult(BillingPeriod period, Outcome outcome, int invoices, Instant completedAt) {
    }

    private final InvoiceRepository invoices;
    private final InvoicePeriodRepository periods;
    private final Outbox outbox;
    private final Clock clock;

    InvoiceIssuer(InvoiceRepository invoices, InvoicePeriodRepository periods, Outbox outbox, Clock clock) {
        this.invoices = invoices;
        this.periods = periods;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * Issues the period's invoices unless that was done before. {@code wait}: whether to wait for a run that holds
     * the period (and then answer DONE) rather than answer BUSY at once.
     *
     * @param billedFrom the earliest ledger time ever billed (the configured first period's start, or the epoch)
     */
    @WithTransaction
    public Uni<PeriodResult> issue(BillingPeriod period, Instant billedFrom, boolean wait) {
        return periods.lock(period, wait).chain(locked -> {
            if (!locked) {
                return Uni.createFrom().item(new PeriodResult(period, Outcome.BUSY, 0, null));
            }
            return periods.findById(period.start()).chain(completed -> completed != null
                    ? Uni.createFrom().item(new PeriodResult(period, Outcome.DONE, completed.invoices,
                            completed.completedAt))
                    : issueLocked(period, billedFrom));
        });
    }

    private Uni<PeriodResult> issueLocked(BillingPeriod period, Instant billedFrom) {
        Instant now = clock.instant();
        return invoices.issue(period, billedFrom, now).chain(totals -> {
            List<InvoiceIssued> issued = eventsOf(period, totals);
            Log.infof("Invoicing period %s: %d accounts", period, issued.size());
            Uni<Void> appended = Uni.createFrom().voidItem();
            for (InvoiceIssued invoice : issued) {
                appended = appended.chain(() -> outbox.append(EventEnvelope.of(invoice, EVENT_SOURCE, now,
                        "invoicing-" + period.start(), null)));
            }
            InvoicePeriod completed = new InvoicePeriod();
            completed.periodStart = period.start();
            completed.periodEnd = period.end();
            completed.invoices = issued.size();
            completed.completedAt = now;
            return appended.chain(() -> periods.persist(completed))
                    .replaceWith(new PeriodResult(period, Outcome.ISSUED, issued.size(), now));
        });
    }

    /** One event per invoice from its totals, in the order issued. */
    private static List<InvoiceIssued> eventsOf(BillingPeriod period, List<IssuedTotal> totals) {
        Map<UUID, List<IssuedTotal>> byInvoice = new LinkedHashMap<>();
        for (IssuedTotal total : totals) {
            byInvoice.computeIfAbsent(total.invoiceId(), id -> new ArrayList<>()).add(total);
        }
        List<InvoiceIssued> events = new ArrayList<>();
        byInvoice.forEach((invoiceId, ofInvoice) -> events.add(new InvoiceIssued(invoiceId,
                ofInvoice.get(0).corporateAccountId(), period.start(), period.end(),
                ofInvoice.stream().map(total -> new Money(total.amount(), total.currency())).toList(),
                ofInvoice.get(0).lines())));
        return events;
    }
}
