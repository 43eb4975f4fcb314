package com.flightbooking.events;

import java.util.Objects;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The ledger recorded a money movement of a booking, once per movement. {@code amount} is signed as in the ledger: a
 * charge positive, a refund negative. For the record (the booking's timeline); no role acts on it.
 */
@RegisterForReflection
public record LedgerEntryRecorded(UUID bookingId, Kind kind, Money amount) implements BookingEvent {

    public enum Kind {
        CHARGE,
        REFUND
    }

    public LedgerEntryRecorded {
        Objects.requireNonNull(bookingId, "bookingId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(amount, "amount");
    }
}
