package com.flightbooking.workers.invoicing;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** The billing periods: consecutive runs of whole UTC days, aligned on the configured anchor. */
@Singleton
public class BillingCalendar {

    private final LocalDate anchor;
    private final int days;
    private final Optional<LocalDate> firstPeriod;

    @Inject
    BillingCalendar(InvoicingConfig config) {
        this(config.anchor(), config.periodLength(), config.firstPeriod());
    }

    public BillingCalendar(LocalDate anchor, Duration periodLength, Optional<LocalDate> firstPeriod) {
        if (periodLength.isNegative() || periodLength.isZero() || periodLength.toSeconds() % 86_400 != 0
                || periodLength.toNanosPart() != 0) {
            throw new IllegalArgumentException("flights.invoicing.period-length must be a whole number of days (e.g."
                    + " 14d), not " + periodLength);
        }
        this.anchor = anchor;
        this.days = Math.toIntExact(periodLength.toDays());
        this.firstPeriod = firstPeriod.map(start -> {
            if (!isBoundary(start)) {
                throw new IllegalArgumentException("flights.invoicing.first-period " + start
                        + " is not the start of a billing period; " + containing(start) + " contains it");
            }
            return start;
        });
    }

    public BillingPeriod containing(Instant instant) {
        return containing(instant.atOffset(ZoneOffset.UTC).toLocalDate());
    }

    public BillingPeriod containing(LocalDate day) {
        long index = Math.floorDiv(day.toEpochDay() - anchor.toEpochDay(), days);
        LocalDate start = anchor.plusDays(index * days);
        return new BillingPeriod(start, start.plusDays(days));
    }

    public boolean isBoundary(LocalDate day) {
        return containing(day).start().equals(day);
    }

    /** The period starting on {@code start}; empty when no period starts that day. */
    public Optional<BillingPeriod> startingOn(LocalDate start) {
        return isBoundary(start) ? Optional.of(containing(start)) : Optional.empty();
    }

    public BillingPeriod next(BillingPeriod period) {
        return new BillingPeriod(period.end(), period.end().plusDays(days));
    }

    /**
     * The periods still to invoice before {@code limit}, oldest first: from the period containing {@code first}, each
     * one whose start is not among {@code completedStarts}. None when {@code limit} does not start after that period.
     */
    public List<BillingPeriod> pendingBetween(LocalDate first, BillingPeriod limit, Set<LocalDate> completedStarts) {
        List<BillingPeriod> pending = new ArrayList<>();
        for (BillingPeriod p = containing(first); p.start().isBefore(limit.start()); p = next(p)) {
            if (!completedStarts.contains(p.start())) {
                pending.add(p);
            }
        }
        return pending;
    }

    /** The configured first period to invoice, if any. */
    public Optional<BillingPeriod> firstPeriod() {
        return firstPeriod.map(this::containing);
    }
}
