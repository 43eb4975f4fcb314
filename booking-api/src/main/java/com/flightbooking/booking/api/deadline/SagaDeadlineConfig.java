package com.flightbooking.booking.api.deadline;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "flights.saga")
public interface SagaDeadlineConfig {

    /**
     * How long a booking may stay PENDING: past it the booking is EXPIRED and compensated. Longer than the partners'
     * normal latency, shorter than a customer's patience; the workers' retry windows run longer (docs/saga.md).
     */
    @WithDefault("15m")
    Duration deadline();

    /** How often the deadline poller looks for overdue bookings (it also runs once at startup). */
    @WithDefault("10s")
    Duration pollInterval();

    /** Bookings expired per transaction; a full batch is followed by another at once. */
    @WithDefault("100")
    int batchSize();

    Poller poller();

    interface Poller {

        /**
         * Run the poller in this process (only where the booking-status role runs). Any number of replicas may:
         * overdue bookings are claimed with SKIP LOCKED, so each expires once.
         */
        @WithDefault("true")
        boolean enabled();
    }
}
