package com.flightbooking.workers.invoicing;

import java.math.BigDecimal;
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

import io.quarkus.hibernate.reactive.panache.Panache;
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

    /** The advisory-lock namespace of billing periods ("Inv1"); the period's epoch day is the key within it. */
    private static final int LOCK_SPACE = 0x496E7631;
    private static final String TRY_LOCK = "SELECT pg_try_advisory_xact_lock(CAST(:space AS int), CAST(:key AS int))";
    private static final String LOCK = """
            SELECT true FROM (SELECT pg_advisory_xact_lock(CAST(:space AS int), CAST(:key AS int))) AS locked""";

    /**
     * Billed: every ledger entry of a corporate account that occurred before the period's end and is on no invoice
     * yet. That is the period's own entries, plus any recorded only after an earlier period had been issued (a
     * delayed or redriven ledger event), which the next invoice of the account carries rather than loses. Periods
     * are issued in order, so nothing of a period not yet issued is taken.
     */
    private static final String ISSUE = """
            WITH billed AS (
                SELECT le.id, le.corporate_account_id, le.booking_id, le.kind, le.amount, le.currency, le.occurred_at
                FROM ledger_entry le
                WHERE le.corporate_account_id IS NOT NULL
                  AND le.occurred_at < :endsAt AND le.occurred_at >= :billedFrom
                  AND NOT EXISTS (SELECT 1 FROM invoice_line l WHERE l.ledger_entry_id = le.id)
            ), issued AS (
                INSERT INTO invoice (id, corporate_account_id, period_start, period_end, issued_at)
                SELECT gen_random_uuid(), accounts.corporate_account_id, CAST(:start AS date), CAST(:end AS date),
                       CAST(:issuedAt AS timestamptz)
                FROM (SELECT DISTINCT corporate_account_id FROM billed) AS accounts
                ON CONFLICT (corporate_account_id, period_start) DO NOTHING
                RETURNING id, corporate_account_id
            ), lines AS (
                INSERT INTO invoice_line (ledger_entry_id, invoice_id, booking_id, kind, amount, currency, occurred_at)
                SELECT billed.id, issued.id, billed.booking_id, billed.kind, billed.amount, billed.currency,
                       billed.occurred_at
                FROM billed JOIN issued USING (corporate_account_id)
                RETURNING invoice_id, amount, currency
            ), totals AS (
                INSERT INTO invoice_total (invoice_id, currency, amount)
                SELECT invoice_id, currency, sum(amount) FROM lines GROUP BY invoice_id, currency
                RETURNING invoice_id, currency, amount
            )
            SELECT CAST(issued.id AS text), issued.corporate_account_id, totals.currency, totals.amount,
                   CAST((SELECT count(*) FROM lines WHERE lines.invoice_id = issued.id) AS int)
            FROM issued JOIN totals ON totals.invoice_id = issued.id
            ORDER BY issued.corporate_account_id, totals.currency""";

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
    private final Outbox outbox;
    private final Clock clock;

    InvoiceIssuer(InvoiceRepository invoices, Outbox outbox, Clock clock) {
        this.invoices = invoices;
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
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(wait ? LOCK : TRY_LOCK, Boolean.class)
                        .setParameter("space", LOCK_SPACE)
                        .setParameter("key", Math.toIntExact(period.start().toEpochDay()))
                        .getSingleResult())
                .chain(locked -> {
                    if (!locked) {
                        return Uni.createFrom().item(new PeriodResult(period, Outcome.BUSY, 0, null));
                    }
                    return invoices.completedPeriod(period.start()).chain(completed -> completed != null
                            ? Uni.createFrom().item(new PeriodResult(period, Outcome.DONE, completed.invoices,
                                    completed.completedAt))
                            : issueLocked(period, billedFrom));
                });
    }

    private Uni<PeriodResult> issueLocked(BillingPeriod period, Instant billedFrom) {
        Instant now = clock.instant();
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(ISSUE, Object[].class)
                        .setParameter("endsAt", period.endsAt())
                        .setParameter("billedFrom", billedFrom)
                        .setParameter("start", period.start())
                        .setParameter("end", period.end())
                        .setParameter("issuedAt", now)
                        .getResultList())
                .chain(rows -> {
                    List<InvoiceIssued> issued = eventsOf(period, rows);
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
                    return appended.chain(() -> Panache.getSession()).chain(session -> session.persist(completed))
                            .replaceWith(new PeriodResult(period, Outcome.ISSUED, issued.size(), now));
                });
    }

    /** One event per invoice from the rows of {@link #ISSUE}: (invoice id, account, currency, amount, lines). */
    private static List<InvoiceIssued> eventsOf(BillingPeriod period, List<Object[]> rows) {
        Map<UUID, List<Object[]>> byInvoice = new LinkedHashMap<>();
        for (Object[] row : rows) {
            byInvoice.computeIfAbsent(UUID.fromString((String) row[0]), id -> new ArrayList<>()).add(row);
        }
        List<InvoiceIssued> events = new ArrayList<>();
        byInvoice.forEach((invoiceId, totals) -> events.add(new InvoiceIssued(invoiceId, (String) totals.get(0)[1],
                period.start(), period.end(),
                totals.stream().map(row -> new Money((BigDecimal) row[3], (String) row[2])).toList(),
                ((Number) totals.get(0)[4]).intValue())));
        return events;
    }
}
