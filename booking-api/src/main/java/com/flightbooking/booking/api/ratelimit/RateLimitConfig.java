package com.flightbooking.booking.api.ratelimit;

import java.time.Duration;
import java.util.OptionalInt;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Abuse limits per client (the token's subject, or the client's address when anonymous), kept in memory by each
 * instance: with N replicas behind a load balancer a client gets up to N times each limit.
 */
@ConfigMapping(prefix = "flights.rate-limits")
public interface RateLimitConfig {

    /** Off: nothing is limited or capped, and no RateLimit field is sent. */
    @WithDefault("true")
    boolean enabled();

    /**
     * Clients remembered per policy. Past it the least recently seen are forgotten, and start again with a full
     * bucket: a flood of distinct addresses costs bounded memory instead of all of it.
     */
    @WithDefault("100000")
    int maxClients();

    Policy bookings();

    Policy cancels();

    StreamPolicy statusStreams();

    default Policy of(RateLimitPolicy policy) {
        return switch (policy) {
            case BOOKINGS -> bookings();
            case CANCELS -> cancels();
            case STATUS_STREAMS -> statusStreams();
        };
    }

    /** A token bucket: {@code limit} tokens per {@code window} flow in, up to {@code burst}; a request takes one. */
    interface Policy {

        /** Requests a client may make per window, sustained. */
        int limit();

        @WithDefault("1m")
        Duration window();

        /** Requests a client may make at once after a quiet spell (the bucket's size); the limit when not set. */
        OptionalInt burst();
    }

    interface StreamPolicy extends Policy {

        /** Streams one client may hold open at once. */
        @WithDefault("5")
        int maxOpenPerClient();

        /** Streams this instance holds open at once, all clients together. */
        @WithDefault("1000")
        int maxOpen();

        /** The Retry-After of a refusal at either cap: when the streams end cannot be known in advance. */
        @WithDefault("10s")
        Duration retryAfter();
    }
}
