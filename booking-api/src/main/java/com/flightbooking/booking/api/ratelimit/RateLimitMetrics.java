package com.flightbooking.booking.api.ratelimit;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code flights.rate-limits.rejected} counts the requests answered 429, by {@code policy} and {@code reason}
 * ({@code rate}, or for status streams {@code open_per_client} and {@code open_total}: a cap on open streams);
 * {@code flights.rate-limits.clients} is how many clients each policy remembers and
 * {@code flights.rate-limits.open-streams} how many status streams are open in this instance. Registered at startup,
 * so they read 0 rather than missing.
 */
@Singleton
class RateLimitMetrics {

    enum Reason {
        RATE,
        OPEN_PER_CLIENT,
        OPEN_TOTAL
    }

    private final Map<String, Counter> rejected = new HashMap<>();

    RateLimitMetrics(MeterRegistry registry, RateLimits limits) {
        for (RateLimitPolicy policy : RateLimitPolicy.values()) {
            for (Reason reason : Reason.values()) {
                if (reason == Reason.RATE || policy == RateLimitPolicy.STATUS_STREAMS) {
                    rejected.put(key(policy, reason), Counter.builder("flights.rate-limits.rejected")
                            .tag("policy", policy.id()).tag("reason", reason.name().toLowerCase(Locale.ROOT))
                            .description("Requests refused with 429 by the abuse limits").register(registry));
                }
            }
            RateLimiter limiter = limits.limiter(policy);
            Gauge.builder("flights.rate-limits.clients", limiter, RateLimiter::clients).tag("policy", policy.id())
                    .description("Clients whose bucket this instance remembers").register(registry);
        }
        Gauge.builder("flights.rate-limits.open-streams", limits.streams(), OpenStreams::total)
                .description("Status streams open in this instance, as the caps count them").register(registry);
    }

    void rejected(RateLimitPolicy policy, Reason reason) {
        rejected.get(key(policy, reason)).increment();
    }

    private static String key(RateLimitPolicy policy, Reason reason) {
        return policy.id() + "/" + reason;
    }
}
