package com.flightbooking.workers.ledger;

import java.time.Clock;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.flightbooking.events.BookingDetails;
import com.flightbooking.events.EventEnvelope;
import com.flightbooking.events.LedgerEntryRecorded;
import com.flightbooking.events.Money;
import com.flightbooking.events.PaymentCharged;
import com.flightbooking.events.PaymentRefunded;
import com.flightbooking.kit.outbox.Outbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Writes ledger entries, each money movement once: per booking there is at most one charge and one refund (a unique
 * key), whatever the number of deliveries or of differently-identified events announcing the same movement. A newly
 * written entry is announced as {@code LedgerEntryRecorded} in the same transaction; a repeat announces nothing.
 */
@ApplicationScoped
public class LedgerRecorder {

    private static final String INSERT = """
            INSERT INTO ledger_entry (event_id, booking_id, kind, corporate_account_id, amount, currency,
                                      processor_reference, occurred_at, recorded_at)
            VALUES (:eventId, :bookingId, :kind, :account, :amount, :currency, :reference, :occurredAt, :recordedAt)
            ON CONFLICT (booking_id, kind) DO NOTHING""";

    static final String EVENT_SOURCE = "/workers/ledger";

    private final Outbox outbox;
    private final Clock clock;

    LedgerRecorder(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    public Uni<Void> record(EventEnvelope event) {
        LedgerEntry entry = entryFor(event);
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery(INSERT)
                .setParameter("eventId", entry.eventId)
                .setParameter("bookingId", entry.bookingId)
                .setParameter("kind", entry.kind.name())
                .setParameter("account", entry.corporateAccountId)
                .setParameter("amount", entry.amount)
                .setParameter("currency", entry.currency)
                .setParameter("reference", entry.processorReference)
                .setParameter("occurredAt", entry.occurredAt)
                .setParameter("recordedAt", entry.recordedAt)
                .executeUpdate()
                .chain(inserted -> {
                    if (inserted != 1) {
                        Log.infof("Ledger already has the %s of booking %s: redelivery acknowledged", entry.kind,
                                entry.bookingId);
                        return Uni.createFrom().voidItem();
                    }
                    Log.infof("Ledger recorded %s for booking %s: %s %s", entry.kind, entry.bookingId,
                            entry.amount, entry.currency);
                    return outbox.append(event.followUp(recorded(entry), EVENT_SOURCE, entry.recordedAt));
                })));
    }

    private static LedgerEntryRecorded recorded(LedgerEntry entry) {
        return new LedgerEntryRecorded(entry.bookingId, LedgerEntryRecorded.Kind.valueOf(entry.kind.name()),
                new Money(entry.amount, entry.currency));
    }

    private LedgerEntry entryFor(EventEnvelope event) {
        LedgerEntry entry = new LedgerEntry();
        BookingDetails booking;
        Money amount;
        if (event.data() instanceof PaymentCharged charged) {
            booking = charged.booking();
            entry.kind = LedgerEntry.Kind.CHARGE;
            entry.processorReference = charged.chargeId();
            amount = booking.fare();
        } else {
            PaymentRefunded refunded = event.dataAs(PaymentRefunded.class);
            booking = refunded.booking();
            entry.kind = LedgerEntry.Kind.REFUND;
            entry.processorReference = refunded.refundId();
            amount = booking.fare().negate();
        }
        entry.eventId = event.id();
        entry.bookingId = UUID.fromString(event.subject());
        entry.corporateAccountId = booking.corporateAccountId();
        entry.amount = amount.amount();
        entry.currency = amount.currency();
        entry.occurredAt = event.time();
        entry.recordedAt = clock.instant();
        return entry;
    }
}
