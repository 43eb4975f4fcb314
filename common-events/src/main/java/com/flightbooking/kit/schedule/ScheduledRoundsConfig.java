package com.flightbooking.kit.schedule;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "flights.scheduled-rounds")
public interface ScheduledRoundsConfig {

    /**
     * How long shutdown waits for the scheduled rounds that are running (reminders, invoicing, sweeps, gauges) before
     * it goes on to drain the consumers.
     */
    @WithDefault("5s")
    Duration shutdownTimeout();
}
