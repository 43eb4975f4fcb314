package com.flightbooking.kit.consumer;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long a failed message stays invisible before its next delivery: exponential in the delivery count, capped,
 * with ±20% jitter so that messages failing together do not come back together.
 */
public record RetryBackoff(Duration initialDelay, Duration maxDelay) {

    /** SQS refuses visibility timeouts above 12 hours. */
    private static final long SQS_MAX_SECONDS = 43_200;

    public Duration delayAfter(int receiveCount) {
        int exponent = Math.max(0, Math.min(30, receiveCount - 1));
        double base = Math.min(maxDelay.toMillis(), initialDelay.toMillis() * Math.pow(2, exponent));
        double jittered = base * ThreadLocalRandom.current().nextDouble(0.8, 1.2);
        return Duration.ofMillis((long) Math.min(jittered, maxDelay.toMillis()));
    }

    /** The delay as SQS takes it: whole seconds, at least one, at most twelve hours. */
    public int visibilitySecondsAfter(int receiveCount) {
        long seconds = Math.max(1, Math.round(delayAfter(receiveCount).toMillis() / 1000.0));
        return (int) Math.min(SQS_MAX_SECONDS, seconds);
    }
}
