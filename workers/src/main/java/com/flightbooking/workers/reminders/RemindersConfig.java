package com.flightbooking.workers.reminders;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "flights.reminders")
public interface RemindersConfig {

    /** How long before departure the customer is reminded; a booking confirmed later than that is reminded at once. */
    @WithDefault("24h")
    Duration leadTime();

    /** How often the poller looks for due reminders (it also runs once at startup). */
    @WithDefault("5s")
    Duration pollInterval();

    /** Reminders fired per transaction; a full batch is followed by another at once. */
    @WithDefault("100")
    int batchSize();

    Poller poller();

    interface Poller {

        /**
         * Run the poller in this process (only where the reminders role runs). Any number of replicas may: due
         * reminders are claimed with SKIP LOCKED, so each fires once.
         */
        @WithDefault("true")
        boolean enabled();
    }
}
