package com.flightbooking.workers.ledger;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.flightbooking.workers.LedgerEntry;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class LedgerEntryRepository implements PanacheRepository<LedgerEntry> {

    public Uni<List<LedgerEntry>> findByBooking(UUID bookingId) {
        return list("bookingId", bookingId);
    }
}
