package com.flightbooking.booking.api.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The bucket arithmetic against a clock the test moves: 10 per minute, 5 at once, so a token every 6 s. */
class RateLimiterTest {

    private final AtomicLong now = new AtomicLong(-Duration.ofDays(1).toNanos());
    private final RateLimiter limiter = new RateLimiter(RateLimitPolicy.BOOKINGS, 10, Duration.ofMinutes(1), 5, 100,
            now::get);

    @Test
    void aFullBucketGrantsTheBurstAtOnceCountingDownThenRefusesUntilTheNextToken() {
        List<Allowance> burst = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            burst.add(limiter.acquire("a"));
        }

        assertThat(burst).extracting(Allowance::granted).containsOnly(true);
        assertThat(burst).extracting(Allowance::remaining).containsExactly(4L, 3L, 2L, 1L, 0L);
        assertThat(burst).extracting(Allowance::resetSeconds).containsOnly(6L);
        assertThat(limiter.acquire("a")).isEqualTo(new Allowance(false, 0, 6));

        advance(Duration.ofSeconds(4));
        assertThat(limiter.acquire("a")).isEqualTo(new Allowance(false, 0, 2));
        advance(Duration.ofSeconds(2));
        assertThat(limiter.acquire("a")).isEqualTo(new Allowance(true, 0, 6));
    }

    @Test
    void sustainedTheLimitPassesPerWindowAndNoMore() {
        drain("a");

        int granted = 0;
        for (int second = 1; second <= 60; second++) {
            advance(Duration.ofSeconds(1));
            while (limiter.acquire("a").granted()) {
                granted++;
            }
        }

        assertThat(granted).isEqualTo(10);
    }

    @Test
    void refusedRequestsCostNothing() {
        drain("a");
        for (int i = 0; i < 100; i++) {
            assertThat(limiter.acquire("a").granted()).isFalse();
        }

        advance(Duration.ofSeconds(6));

        assertThat(limiter.acquire("a").granted()).isTrue();
    }

    @Test
    void aQuietClientRefillsUpToTheBurstOnly() {
        drain("a");
        advance(Duration.ofSeconds(15));
        assertThat(limiter.acquire("a")).isEqualTo(new Allowance(true, 1, 3));

        advance(Duration.ofHours(1));

        assertThat(limiter.acquire("a").remaining()).isEqualTo(4);
    }

    @Test
    void eachClientHasItsOwnBucket() {
        drain("a");

        assertThat(limiter.acquire("b")).isEqualTo(new Allowance(true, 4, 6));
        assertThat(limiter.acquire("a").granted()).isFalse();
    }

    @Test
    void theFieldsFollowTheDraftsSyntax() {
        assertThat(limiter.policyField()).isEqualTo("\"bookings\";q=10;w=60");
        assertThat(limiter.limitField(limiter.acquire("a"))).isEqualTo("\"bookings\";r=4;t=6");
    }

    @Test
    void aFloodOfClientsIsRememberedUpToTheBound() {
        for (int i = 0; i < 10_000; i++) {
            limiter.acquire("10.0." + i / 256 + "." + i % 256);
        }

        assertThat(limiter.clients()).isLessThanOrEqualTo(100);
    }

    @Test
    void aClientIsForgottenOnceItsBucketIsFullAgain() {
        limiter.acquire("a");
        advance(Duration.ofSeconds(29));
        assertThat(limiter.clients()).isEqualTo(1);

        advance(Duration.ofSeconds(2));

        assertThat(limiter.clients()).isZero();
        assertThat(limiter.acquire("a").remaining()).isEqualTo(4);
    }

    @Test
    void aLimitThatCannotWorkFailsTheStart() {
        assertThatThrownBy(() -> new RateLimiter(RateLimitPolicy.CANCELS, 0, Duration.ofMinutes(1), 1, 100, now::get))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("flights.rate-limits.cancels");
        assertThatThrownBy(() -> new RateLimiter(RateLimitPolicy.CANCELS, 1, Duration.ofMillis(10), 1, 100, now::get))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private void drain(String client) {
        while (limiter.acquire(client).granted()) {
            // taking the burst
        }
    }

    private void advance(Duration duration) {
        now.addAndGet(duration.toNanos());
    }
}
