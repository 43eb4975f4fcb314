package com.flightbooking.workers.ledger;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;

import com.flightbooking.events.BookingRequested;
import com.flightbooking.events.EventEnvelope;
import com.flightbooking.events.inbox.Inbox;
import com.flightbooking.workers.LedgerEntry;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/** Writes ledger entries, each event at most once (the inbox record commits with the entry). */
@ApplicationScoped
public class LedgerRecorder {

    static final String CONSUMER = "ledger";

    private final LedgerEntryRepository entries;
    private final Inbox inbox;
    private final Clock clock;

    LedgerRecorder(LedgerEntryRepository entries, Inbox inbox, Clock clock) {
        this.entries = entries;
        this.inbox = inbox;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<Void> record(EventEnvelope event) {
        return inbox.firstDelivery(CONSUMER, event.id()).flatMap(first -> {
            if (!first) {
                Log.infof("Ledger already has event %s (booking %s): redelivery acknowledged", event.id(),
                        event.subject());
                return Uni.createFrom().voidItem();
            }
            return entries.persist(entryFor(event)).invoke(entry -> Log.infof(
                    "Ledger recorded %s for booking %s: %s %s", entry.kind, entry.bookingId, entry.amount,
                    entry.currency)).replaceWithVoid();
        });
    }

    private LedgerEntry entryFor(EventEnvelope event) {
        BookingRequested booking = event.dataAs(BookingRequested.class);
        LedgerEntry entry = new LedgerEntry();
        entry.eventId = event.id();
        entry.bookingId = booking.bookingId();
        entry.kind = LedgerEntry.Kind.BOOKING_REQUESTED;
        entry.corporateAccountId = booking.corporateAccountId();
        entry.amount = booking.fare().amount();
        entry.currency = booking.fare().currency();
        entry.occurredAt = event.time();
        entry.recordedAt = clock.instant();
        return entry;
    }
}
