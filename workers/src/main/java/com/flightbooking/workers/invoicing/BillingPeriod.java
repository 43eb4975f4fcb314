package com.flightbooking.workers.invoicing;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** One billing period, [start, end) in UTC days. */
public record BillingPeriod(LocalDate start, LocalDate end) {

    public Instant startsAt() {
        return start.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    public Instant endsAt() {
        return end.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** Whether the period has ended at {@code now}: nothing can occur in it any more. */
    public boolean closedAt(Instant now) {
        return !endsAt().isAfter(now);
    }

    @Override
    public String toString() {
        return start + ".." + end;
    }
}
