package com.flightbooking.workers.ledger;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class LedgerEntryRepository implements PanacheRepository<LedgerEntry> {

    public Uni<List<LedgerEntry>> findByBooking(UUID bookingId) {
        return list("bookingId", Sort.by("occurredAt").and("id"), bookingId);
    }

    /** The account's most recent entries first. */
    public Uni<List<LedgerEntry>> findByAccount(String corporateAccountId, int limit) {
        return find("corporateAccountId", Sort.by("occurredAt").descending().and("id").descending(),
                corporateAccountId).page(Page.ofSize(limit)).list();
    }
}
