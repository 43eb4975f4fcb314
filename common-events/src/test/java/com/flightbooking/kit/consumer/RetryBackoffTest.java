package com.flightbooking.kit.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** The visibility a failed message gets before its next delivery. The jitter is random, so each test repeats. */
class RetryBackoffTest {

    private final RetryBackoff backoff = new RetryBackoff(Duration.ofSeconds(2), Duration.ofMinutes(5));

    /** Doubling outgrows the ±20% jitter: even the shortest next gap is longer than the longest previous one. */
    @RepeatedTest(20)
    void visibilityGrowsWithEachReceiveUntilTheCapAndNeverExceedsIt() {
        Duration previous = Duration.ZERO;
        for (int receiveCount = 1; receiveCount <= 7; receiveCount++) {
            Duration delay = backoff.delayAfter(receiveCount);
            assertThat(delay).isGreaterThan(previous);
            previous = delay;
        }
        for (int receiveCount = 1; receiveCount <= 40; receiveCount++) {
            assertThat(backoff.delayAfter(receiveCount)).isLessThanOrEqualTo(Duration.ofMinutes(5));
        }
    }

    @RepeatedTest(20)
    void eachDelayIsTheDoubledStepWithinTwentyPercent() {
        assertThat(backoff.delayAfter(1)).isBetween(Duration.ofMillis(1_600), Duration.ofMillis(2_400));
        assertThat(backoff.delayAfter(3)).isBetween(Duration.ofMillis(6_400), Duration.ofMillis(9_600));
    }

    /** Past the cap the jitter only goes down, so messages failing together still spread out. */
    @RepeatedTest(20)
    void atTheCapTheDelayStaysWithinTwentyPercentBelowIt() {
        assertThat(backoff.delayAfter(20)).isBetween(Duration.ofMinutes(4), Duration.ofMinutes(5));
    }

    @RepeatedTest(20)
    void visibilityIsWholeSecondsAndAtLeastOne() {
        RetryBackoff quick = new RetryBackoff(Duration.ofMillis(100), Duration.ofSeconds(30));

        assertThat(quick.visibilitySecondsAfter(1)).isEqualTo(1);
    }

    @Test
    void visibilityNeverExceedsTheTwelveHoursSqsAccepts() {
        RetryBackoff slow = new RetryBackoff(Duration.ofHours(1), Duration.ofDays(2));

        assertThat(slow.visibilitySecondsAfter(30)).isEqualTo(43_200);
    }
}
