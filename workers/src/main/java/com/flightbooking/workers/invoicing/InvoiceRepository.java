package com.flightbooking.workers.invoicing;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.LockMode;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class InvoiceRepository implements PanacheRepositoryBase<Invoice, UUID> {

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

    /** One currency's total of an invoice just issued, with the invoice's account and line count. */
    public record IssuedTotal(UUID invoiceId, String corporateAccountId, String currency, BigDecimal amount,
            int lines) {
    }

    /**
     * Issues the period's invoices with their lines and totals: one per account with billed entries and no invoice
     * for the period yet. Answers the totals issued, by account and currency.
     *
     * @param billedFrom the earliest ledger time ever billed
     */
    public Uni<List<IssuedTotal>> issue(BillingPeriod period, Instant billedFrom, Instant issuedAt) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(ISSUE, Object[].class)
                        .setParameter("endsAt", period.endsAt())
                        .setParameter("billedFrom", billedFrom)
                        .setParameter("start", period.start())
                        .setParameter("end", period.end())
                        .setParameter("issuedAt", issuedAt)
                        .getResultList())
                .map(rows -> rows.stream().map(row -> new IssuedTotal(UUID.fromString((String) row[0]),
                        (String) row[1], (String) row[2], (BigDecimal) row[3], ((Number) row[4]).intValue()))
                        .toList());
    }

    /** The invoice, locked for the rest of the transaction; null when it does not exist or another holds it. */
    public Uni<Invoice> lockUnlessLocked(UUID invoiceId) {
        return Panache.getSession()
                .chain(session -> session.find(Invoice.class, invoiceId, LockMode.UPGRADE_SKIPLOCKED));
    }

    /** The invoice, locked for the rest of the transaction (waiting for another that holds it). */
    public Uni<Invoice> lock(UUID invoiceId) {
        return Panache.getSession().chain(session -> session.find(Invoice.class, invoiceId, LockMode.PESSIMISTIC_WRITE));
    }

    /** The account's invoices, latest period first. */
    public Uni<List<Invoice>> findByAccount(String corporateAccountId, int limit) {
        return find("corporateAccountId", Sort.by("periodStart").descending(), corporateAccountId)
                .page(Page.ofSize(limit)).list();
    }

    public Uni<List<Invoice>> findByPeriod(LocalDate periodStart, int limit) {
        return find("periodStart", Sort.by("corporateAccountId"), periodStart).page(Page.ofSize(limit)).list();
    }

    public Uni<List<InvoiceLine>> linesOf(UUID invoiceId) {
        return Panache.getSession().chain(session -> session.createQuery(
                "from InvoiceLine where invoiceId = :invoiceId order by occurredAt, ledgerEntryId", InvoiceLine.class)
                .setParameter("invoiceId", invoiceId)
                .getResultList());
    }

    public Uni<List<InvoiceTotal>> totalsOf(Collection<UUID> invoiceIds) {
        if (invoiceIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Panache.getSession().chain(session -> session.createQuery(
                "from InvoiceTotal where invoiceId in :invoiceIds order by invoiceId, currency", InvoiceTotal.class)
                .setParameter("invoiceIds", invoiceIds)
                .getResultList());
    }

    /** When the earliest ledger entry of any corporate account occurred. */
    public Uni<Optional<Instant>> earliestBillableEntry() {
        return Panache.getSession().chain(session -> session.createQuery(
                "select min(occurredAt) from LedgerEntry where corporateAccountId is not null", Instant.class)
                .getSingleResultOrNull())
                .map(Optional::ofNullable);
    }

    /** Invoices not emailed yet whose account has a billing address, oldest first; of one account, or of all (null). */
    public Uni<List<UUID>> unsentWithAddress(String corporateAccountId, int limit) {
        String ofAccount = corporateAccountId == null ? "" : " and i.corporateAccountId = :account";
        return Panache.getSession().chain(session -> {
            var query = session.createQuery("""
                    select i.id from Invoice i, CorporateAccount a
                    where a.id = i.corporateAccountId and i.emailedAt is null and a.billingEmail is not null"""
                    + ofAccount + " order by i.issuedAt, i.id", UUID.class);
            if (corporateAccountId != null) {
                query.setParameter("account", corporateAccountId);
            }
            return query.setMaxResults(limit).getResultList();
        });
    }

    /** The accounts whose invoices wait for a billing address, each with how many wait. */
    public Uni<List<Object[]>> waitingForAddress() {
        return Panache.getSession().chain(session -> session.createQuery("""
                select i.corporateAccountId, count(i) from Invoice i
                where i.emailedAt is null
                  and not exists (select 1 from CorporateAccount a
                                  where a.id = i.corporateAccountId and a.billingEmail is not null)
                group by i.corporateAccountId order by i.corporateAccountId""", Object[].class)
                .getResultList());
    }
}
