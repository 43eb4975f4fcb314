package com.flightbooking.workers.ledger;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.flightbooking.kit.outbox.Outbox;
import com.flightbooking.kit.outbox.Outbox.ConditionalWrite;
import com.flightbooking.kit.postgres.PoolRows;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Ledger entries: written on the Vert.x pool with their announcement ({@link Outbox#appendIfWritten}), read through
 * Panache. The write is on every charge and refund, and through Hibernate Reactive its session cost more CPU than the
 * one insert (issue #13); the reads are for operators and stay with the entity.
 */
@ApplicationScoped
public class LedgerEntryRepository implements PanacheRepository<LedgerEntry> {

    // The unique key (booking_id, kind) makes a repeat write nothing, and so announce nothing.
    private static final String INSERT_IF_ABSENT = ConditionalWrite.statement("""
            written AS (
                INSERT INTO ledger_entry (event_id, booking_id, kind, corporate_account_id, amount, currency,
                                          processor_reference, occurred_at, recorded_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                ON CONFLICT (booking_id, kind) DO NOTHING RETURNING 1)""", 9);

    /** Writes the entry unless the booking has an entry of its kind already; announced only when it writes it. */
    public ConditionalWrite insertIfAbsent(LedgerEntry entry) {
        return new ConditionalWrite(INSERT_IF_ABSENT, Tuple.tuple().addUUID(entry.eventId).addUUID(entry.bookingId)
                .addString(entry.kind.name()).addString(entry.corporateAccountId).addBigDecimal(entry.amount)
                .addString(entry.currency).addString(entry.processorReference)
                .addOffsetDateTime(PoolRows.utc(entry.occurredAt)).addOffsetDateTime(PoolRows.utc(entry.recordedAt)));
    }

    @WithSession
    public Uni<List<LedgerEntry>> findByBooking(UUID bookingId) {
        return list("bookingId", Sort.by("occurredAt").and("id"), bookingId);
    }

    /** The account's most recent entries first. */
    @WithSession
    public Uni<List<LedgerEntry>> findByAccount(String corporateAccountId, int limit) {
        return find("corporateAccountId", Sort.by("occurredAt").descending().and("id").descending(),
                corporateAccountId).page(Page.ofSize(limit)).list();
    }
}
