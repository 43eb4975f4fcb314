package com.flightbooking.booking.api.status;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "flights.status-stream")
public interface StatusStreamConfig {

    /**
     * How long a status stream stays open at most, even when its booking is still PENDING: no connection is held
     * forever (a client that vanished without closing it, say). A client that still wants to know connects again.
     */
    @WithDefault("10m")
    Duration maxDuration();
}
