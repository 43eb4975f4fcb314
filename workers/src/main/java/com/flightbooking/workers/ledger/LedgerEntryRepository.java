package com.flightbooking.workers.ledger;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class LedgerEntryRepository implements PanacheRepository<LedgerEntry> {

    // The unique key (booking_id, kind) makes a repeat a no-op instead of an error that would end the transaction.
    private static final String INSERT_IF_ABSENT = """
            INSERT INTO ledger_entry (event_id, booking_id, kind, corporate_account_id, amount, currency,
                                      processor_reference, occurred_at, recorded_at)
            VALUES (:eventId, :bookingId, :kind, :account, :amount, :currency, :reference, :occurredAt, :recordedAt)
            ON CONFLICT (booking_id, kind) DO NOTHING""";

    /** Writes the entry unless the booking has an entry of its kind already; true when this call wrote it. */
    public Uni<Boolean> insertIfAbsent(LedgerEntry entry) {
        return Panache.getSession().chain(session -> session.createNativeQuery(INSERT_IF_ABSENT)
                .setParameter("eventId", entry.eventId)
                .setParameter("bookingId", entry.bookingId)
                .setParameter("kind", entry.kind.name())
                .setParameter("account", entry.corporateAccountId)
                .setParameter("amount", entry.amount)
                .setParameter("currency", entry.currency)
                .setParameter("reference", entry.processorReference)
                .setParameter("occurredAt", entry.occurredAt)
                .setParameter("recordedAt", entry.recordedAt)
                .executeUpdate())
                .map(inserted -> inserted == 1);
    }

    public Uni<List<LedgerEntry>> findByBooking(UUID bookingId) {
        return list("bookingId", Sort.by("occurredAt").and("id"), bookingId);
    }

    /** The account's most recent entries first. */
    public Uni<List<LedgerEntry>> findByAccount(String corporateAccountId, int limit) {
        return find("corporateAccountId", Sort.by("occurredAt").descending().and("id").descending(),
                corporateAccountId).page(Page.ofSize(limit)).list();
    }
}
