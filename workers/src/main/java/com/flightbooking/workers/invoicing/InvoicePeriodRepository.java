package com.flightbooking.workers.invoicing;

import java.time.LocalDate;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** The billing periods whose invoices are issued, and the lock that lets one run at a time issue a period. */
@ApplicationScoped
@WithSession
public class InvoicePeriodRepository implements PanacheRepositoryBase<InvoicePeriod, LocalDate> {

    /** The advisory-lock namespace of billing periods ("Inv1"); the period's epoch day is the key within it. */
    private static final int LOCK_SPACE = 0x496E7631;
    private static final String TRY_LOCK = "SELECT pg_try_advisory_xact_lock(CAST(:space AS int), CAST(:key AS int))";
    private static final String LOCK = """
            SELECT true FROM (SELECT pg_advisory_xact_lock(CAST(:space AS int), CAST(:key AS int))) AS locked""";

    /**
     * Locks the period for the rest of the transaction. {@code wait}: whether to wait for a run that holds it rather
     * than answer false at once.
     */
    public Uni<Boolean> lock(BillingPeriod period, boolean wait) {
        return Panache.getSession().chain(session -> session.createNativeQuery(wait ? LOCK : TRY_LOCK, Boolean.class)
                .setParameter("space", LOCK_SPACE)
                .setParameter("key", Math.toIntExact(period.start().toEpochDay()))
                .getSingleResult());
    }

    public Uni<List<LocalDate>> completedPeriodStarts() {
        return Panache.getSession().chain(session -> session.createQuery(
                "select periodStart from InvoicePeriod order by periodStart", LocalDate.class).getResultList());
    }
}
