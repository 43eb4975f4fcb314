package com.flightbooking.workers.invoicing;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "flights.invoicing")
public interface InvoicingConfig {

    /**
     * Run the invoicing schedule in this process (at startup and every {@link #checkInterval()}). Any number of
     * replicas may: each period is issued under a lock, once. The ops endpoints work either way.
     */
    @WithDefault("true")
    boolean enabled();

    /** A day on which a billing period starts (UTC). Periods are [anchor + n × length, anchor + (n + 1) × length). */
    @WithDefault("2026-01-05")
    LocalDate anchor();

    /** A whole number of days. */
    @WithDefault("14d")
    Duration periodLength();

    /** How often the schedule looks for ended periods and for invoices still to email. */
    @WithDefault("10m")
    Duration checkInterval();

    /**
     * The first period to invoice (its start date). Without it, invoicing starts at the earliest period it has
     * completed, or when it never has, at the period of the earliest corporate ledger entry.
     */
    Optional<LocalDate> firstPeriod();
}
