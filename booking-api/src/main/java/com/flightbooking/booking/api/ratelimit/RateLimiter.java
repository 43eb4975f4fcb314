package com.flightbooking.booking.api.ratelimit;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

/**
 * A token bucket per client in GCRA form (the generic cell rate algorithm): per client one number, the time its
 * bucket will be full again, moved forward by one interval per granted request and never by a refused one. A request
 * is granted while that time lies at most the bucket's size in intervals ahead. Clients live in a Caffeine cache
 * bounded in size, and forgotten once their bucket would be full anyway.
 *
 * <p>
 * Own code rather than a library: Bucket4j (per-key buckets with Caffeine) is not available to this build; the
 * Resilience4j RateLimiter refills all permits at once at each period's start (a fixed window, so twice the limit
 * can pass around a boundary), has no burst separate from the rate and keeps one limiter object per key with no
 * bound; SmallRye Fault Tolerance's {@code @RateLimit} limits a method for all callers together, not per client.
 */
final class RateLimiter {

    private final RateLimitPolicy policy;
    private final long limit;
    private final long windowSeconds;
    private final long intervalNanos;
    private final long capacityNanos;
    private final Ticker ticker;
    private final Cache<String, AtomicLong> fullAt;

    RateLimiter(RateLimitPolicy policy, int limit, Duration window, int burst, int maxClients, Ticker ticker) {
        if (limit < 1 || burst < 1 || window.toSeconds() < 1) {
            throw new IllegalArgumentException("flights.rate-limits." + policy.id()
                    + ": limit and burst must be at least 1 and the window at least 1s, not " + limit + ", "
                    + burst + " and " + window);
        }
        this.policy = policy;
        this.limit = limit;
        this.windowSeconds = window.toSeconds();
        this.intervalNanos = window.toNanos() / limit;
        this.capacityNanos = intervalNanos * burst;
        this.ticker = ticker;
        this.fullAt = Caffeine.newBuilder().maximumSize(maxClients)
                .expireAfterAccess(capacityNanos, TimeUnit.NANOSECONDS).ticker(ticker).build();
    }

    /** Takes a token from the client's bucket if there is one. */
    Allowance acquire(String client) {
        long now = ticker.read();
        AtomicLong full = fullAt.get(client, ignored -> new AtomicLong(now));
        while (true) {
            long current = full.get();
            long next = (current - now > 0 ? current : now) + intervalNanos;
            long ahead = next - now;
            if (ahead > capacityNanos) {
                // The token that comes back first is the one taken longest ago.
                return new Allowance(false, 0, seconds(current - now - capacityNanos + intervalNanos));
            }
            if (full.compareAndSet(current, next)) {
                long remaining = (capacityNanos - ahead) / intervalNanos;
                return new Allowance(true, remaining,
                        seconds(ahead - capacityNanos + (remaining + 1) * intervalNanos));
            }
        }
    }

    /** {@code "bookings";q=10;w=60}: the policy as the RateLimit-Policy field states it. */
    String policyField() {
        return "\"%s\";q=%d;w=%d".formatted(policy.id(), limit, windowSeconds);
    }

    /** {@code "bookings";r=4;t=6}: the client's service limit as the RateLimit field states it. */
    String limitField(Allowance allowance) {
        return "\"%s\";r=%d;t=%d".formatted(policy.id(), allowance.remaining(), allowance.resetSeconds());
    }

    /** Clients remembered now, after pending evictions. */
    long clients() {
        fullAt.cleanUp();
        return fullAt.estimatedSize();
    }

    private static long seconds(long nanos) {
        return Math.max(1, (nanos + 999_999_999) / 1_000_000_000);
    }
}
