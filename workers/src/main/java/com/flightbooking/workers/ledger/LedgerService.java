package com.flightbooking.workers.ledger;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.flightbooking.events.BookingDetails;
import com.flightbooking.events.EventEnvelope;
import com.flightbooking.events.LedgerEntryRecorded;
import com.flightbooking.events.Money;
import com.flightbooking.events.PaymentCharged;
import com.flightbooking.events.PaymentRefunded;
import com.flightbooking.kit.outbox.Outbox;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Writes ledger entries ({@link LedgerEntry}), each money movement once: per booking there is at most one charge and
 * one refund, whatever the number of deliveries or of differently-identified events announcing the same movement. A
 * newly written entry is announced as {@code LedgerEntryRecorded} in the same statement; a repeat announces nothing.
 */
@ApplicationScoped
public class LedgerService {

    static final String EVENT_SOURCE = "/workers/ledger";

    private final Pool pool;
    private final LedgerEntryRepository entries;
    private final Outbox outbox;
    private final Clock clock;

    LedgerService(Pool pool, LedgerEntryRepository entries, Outbox outbox, Clock clock) {
        this.pool = pool;
        this.entries = entries;
        this.outbox = outbox;
        this.clock = clock;
    }

    public Uni<Void> charged(EventEnvelope cause, PaymentCharged charged) {
        BookingDetails booking = charged.booking();
        return record(cause, entry(cause, LedgerEntry.Kind.CHARGE, booking, booking.fare(), charged.chargeId()));
    }

    public Uni<Void> refunded(EventEnvelope cause, PaymentRefunded refunded) {
        BookingDetails booking = refunded.booking();
        return record(cause,
                entry(cause, LedgerEntry.Kind.REFUND, booking, booking.fare().negate(), refunded.refundId()));
    }

    private Uni<Void> record(EventEnvelope cause, LedgerEntry entry) {
        EventEnvelope announcement = cause.followUp(recorded(entry), EVENT_SOURCE, entry.recordedAt);
        return outbox.appendIfWritten(pool, entries.insertIfAbsent(entry), List.of(announcement)).invoke(written -> {
            if (written) {
                Log.infof("Ledger recorded %s for booking %s: %s %s", entry.kind, entry.bookingId, entry.amount,
                        entry.currency);
            } else {
                Log.infof("Ledger already has the %s of booking %s: redelivery acknowledged", entry.kind,
                        entry.bookingId);
            }
        }).replaceWithVoid();
    }

    private static LedgerEntryRecorded recorded(LedgerEntry entry) {
        return new LedgerEntryRecorded(entry.bookingId, LedgerEntryRecorded.Kind.valueOf(entry.kind.name()),
                new Money(entry.amount, entry.currency));
    }

    private LedgerEntry entry(EventEnvelope cause, LedgerEntry.Kind kind, BookingDetails booking, Money amount,
            String processorReference) {
        LedgerEntry entry = new LedgerEntry();
        entry.eventId = cause.id();
        entry.bookingId = UUID.fromString(cause.subject());
        entry.kind = kind;
        entry.corporateAccountId = booking.corporateAccountId();
        entry.amount = amount.amount();
        entry.currency = amount.currency();
        entry.processorReference = processorReference;
        entry.occurredAt = cause.time();
        entry.recordedAt = clock.instant();
        return entry;
    }
}
