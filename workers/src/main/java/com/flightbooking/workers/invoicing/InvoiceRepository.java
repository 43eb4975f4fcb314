package com.flightbooking.workers.invoicing;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class InvoiceRepository implements PanacheRepositoryBase<Invoice, UUID> {

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

    public Uni<InvoicePeriod> completedPeriod(LocalDate periodStart) {
        return Panache.getSession().chain(session -> session.find(InvoicePeriod.class, periodStart));
    }

    public Uni<List<LocalDate>> completedPeriodStarts() {
        return Panache.getSession().chain(session -> session.createQuery(
                "select periodStart from InvoicePeriod order by periodStart", LocalDate.class).getResultList());
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
