package com.flightbooking.kit.outbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "flights.outbox")
public interface OutboxConfig {

    Relay relay();

    Cleanup cleanup();

    Metrics metrics();

    interface Metrics {

        /** How often the backlog gauges ({@link OutboxMetrics}) are measured: one query, whatever the scrape rate. */
        @WithDefault("10s")
        Duration refreshInterval();
    }

    interface Cleanup {

        /** How long published rows are kept (for audit and debugging) before they are deleted. */
        @WithDefault("7d")
        Duration retention();

        /** How often published rows past their retention are deleted. */
        @WithDefault("1h")
        Duration interval();
    }

    interface Relay {

        /** Run the relay in this process. Any number of replicas may run it: rows are claimed with SKIP LOCKED. */
        @WithDefault("true")
        boolean enabled();

        /** Period of the sweep that catches what a wake-up missed (failed publishes, a relay that crashed). */
        @WithDefault("2s")
        Duration sweepInterval();

        /**
         * After a round that published some rows but fewer than {@link #claimSize()} while more were committed, how
         * long the relay gathers before its next round, so that the rows committed meanwhile cost one claim, one
         * PublishBatch and one mark between them. An event waits at most this much longer, and only under a steady
         * flow of commits; on a quiet system each goes at once. {@code 0}: a round right after each wake-up.
         */
        @WithDefault("20ms")
        Duration batchWindow();

        /** Rows claimed per round; published in parallel PublishBatch calls of ten. */
        @WithDefault("100")
        int claimSize();

        /**
         * How long a claimed row stays reserved for its relay; after that another relay may publish it again. Keep it
         * above the SNS call timeout: a shorter lease only adds duplicates, a longer one delays recovery after a crash.
         */
        @WithDefault("10s")
        Duration lease();

        /** First retry delay after a failed publish; doubles per attempt up to {@link #maxBackoff()}. */
        @WithDefault("1s")
        Duration initialBackoff();

        @WithDefault("5m")
        Duration maxBackoff();

        /**
         * Refusals of a row by SNS (it answered, and failed that entry) after which the row is parked: no longer
         * retried, counted in {@code flights_outbox_parked}, until an operator retries it
         * ({@code POST /admin/outbox/parked/retry}). SNS out of reach never parks a row. With the default backoffs, ten
         * refusals span about 15 minutes.
         */
        @WithDefault("10")
        int parkAfter();
    }
}
