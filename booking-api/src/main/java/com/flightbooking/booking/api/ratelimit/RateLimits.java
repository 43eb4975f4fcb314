package com.flightbooking.booking.api.ratelimit;

import java.util.EnumMap;
import java.util.Map;

import jakarta.inject.Singleton;

import com.github.benmanes.caffeine.cache.Ticker;

/** This instance's buckets, one {@link RateLimiter} per policy, and its open status streams. */
@Singleton
class RateLimits {

    private final Map<RateLimitPolicy, RateLimiter> limiters = new EnumMap<>(RateLimitPolicy.class);
    private final OpenStreams streams;

    RateLimits(RateLimitConfig config) {
        for (RateLimitPolicy policy : RateLimitPolicy.values()) {
            RateLimitConfig.Policy limits = config.of(policy);
            limiters.put(policy, new RateLimiter(policy, limits.limit(), limits.window(),
                    limits.burst().orElse(limits.limit()), config.maxClients(), Ticker.systemTicker()));
        }
        this.streams = new OpenStreams(config.statusStreams().maxOpenPerClient(), config.statusStreams().maxOpen());
    }

    RateLimiter limiter(RateLimitPolicy policy) {
        return limiters.get(policy);
    }

    OpenStreams streams() {
        return streams;
    }
}
