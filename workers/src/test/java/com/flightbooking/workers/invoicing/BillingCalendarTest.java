package com.flightbooking.workers.invoicing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

class BillingCalendarTest {

    private final BillingCalendar calendar = new BillingCalendar(LocalDate.parse("2026-01-05"), Duration.ofDays(14),
            Optional.empty());

    @Test
    void periodsAreFourteenUtcDaysAlignedOnTheAnchorOnBothSidesOfIt() {
        assertThat(calendar.containing(Instant.parse("2026-11-28T23:54:00Z")))
                .isEqualTo(period("2026-11-23", "2026-12-07"));
        assertThat(calendar.containing(Instant.parse("2026-12-06T23:59:59.999Z")))
                .isEqualTo(period("2026-11-23", "2026-12-07"));
        assertThat(calendar.containing(Instant.parse("2026-12-07T00:00:00Z")))
                .isEqualTo(period("2026-12-07", "2026-12-21"));
        assertThat(calendar.containing(LocalDate.parse("2026-01-04"))).isEqualTo(period("2025-12-22", "2026-01-05"));
        assertThat(calendar.next(period("2026-11-23", "2026-12-07"))).isEqualTo(period("2026-12-07", "2026-12-21"));
    }

    @Test
    void onlyAPeriodsFirstDayStartsOne() {
        assertThat(calendar.startingOn(LocalDate.parse("2026-01-05"))).contains(period("2026-01-05", "2026-01-19"));
        assertThat(calendar.startingOn(LocalDate.parse("2025-12-22"))).isPresent();
        assertThat(calendar.startingOn(LocalDate.parse("2026-11-24"))).isEmpty();
    }

    @Test
    void aPeriodIsClosedFromTheInstantItEnds() {
        BillingPeriod period = period("2026-11-23", "2026-12-07");
        assertThat(period.closedAt(Instant.parse("2026-12-06T23:59:59Z"))).isFalse();
        assertThat(period.closedAt(Instant.parse("2026-12-07T00:00:00Z"))).isTrue();
    }

    @Test
    void aPeriodLengthOfPartDaysOrAFirstPeriodOffTheBoundariesIsRefused() {
        assertThatThrownBy(() -> new BillingCalendar(LocalDate.parse("2026-01-05"), Duration.ofHours(36),
                Optional.empty())).hasMessageContaining("whole number of days");
        assertThatThrownBy(() -> new BillingCalendar(LocalDate.parse("2026-01-05"), Duration.ofDays(14),
                Optional.of(LocalDate.parse("2026-01-06")))).hasMessageContaining("not the start of a billing period");
        assertThat(new BillingCalendar(LocalDate.parse("2026-01-05"), Duration.ofDays(14),
                Optional.of(LocalDate.parse("2026-03-02"))).firstPeriod()).contains(period("2026-03-02", "2026-03-16"));
    }

    @Test
    void thePeriodsPendingAreThoseFromTheFirstUpToTheLimitNotCompletedOldestFirst() {
        assertThat(calendar.pendingBetween(LocalDate.parse("2026-11-01"), period("2026-12-21", "2027-01-04"),
                Set.of(LocalDate.parse("2026-11-23")))).containsExactly(period("2026-10-26", "2026-11-09"),
                        period("2026-11-09", "2026-11-23"), period("2026-12-07", "2026-12-21"));
    }

    @Test
    void noPeriodIsPendingBeforeALimitThatDoesNotStartAfterTheFirstPeriod() {
        BillingPeriod first = period("2026-11-23", "2026-12-07");
        assertThat(calendar.pendingBetween(LocalDate.parse("2026-11-30"), first, Set.of())).isEmpty();
        assertThat(calendar.pendingBetween(LocalDate.parse("2026-12-07"), first, Set.of())).isEmpty();
        assertThat(calendar.pendingBetween(LocalDate.parse("2026-11-23"), period("2026-12-07", "2026-12-21"),
                Set.of())).containsExactly(first);
    }

    @Test
    void aPeriodLengthOfZeroOrLessIsRefused() {
        assertThatThrownBy(() -> new BillingCalendar(LocalDate.parse("2026-01-05"), Duration.ZERO, Optional.empty()))
                .hasMessageContaining("whole number of days");
        assertThatThrownBy(() -> new BillingCalendar(LocalDate.parse("2026-01-05"), Duration.ofDays(-14),
                Optional.empty())).hasMessageContaining("whole number of days");
        assertThatThrownBy(() -> new BillingCalendar(LocalDate.parse("2026-01-05"), Duration.ofDays(14).plusNanos(1),
                Optional.empty())).hasMessageContaining("whole number of days");
    }

    @Test
    void aPeriodStartsAndEndsAtMidnightUtc() {
        BillingPeriod period = period("2026-11-23", "2026-12-07");
        assertThat(period.startsAt()).isEqualTo(Instant.parse("2026-11-23T00:00:00Z"));
        assertThat(period.endsAt()).isEqualTo(Instant.parse("2026-12-07T00:00:00Z"));
        assertThat(period).hasToString("2026-11-23..2026-12-07");
        assertThat(calendar.firstPeriod()).isEmpty();
    }

    private static BillingPeriod period(String start, String end) {
        return new BillingPeriod(LocalDate.parse(start), LocalDate.parse(end));
    }
}
