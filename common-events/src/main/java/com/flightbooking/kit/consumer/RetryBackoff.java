package com.flightbooking.kit.consumer;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long a failed message stays invisible before its next delivery: exponential in the delivery count, capped,
 * with ±20% jitter so that messages failing together do not come back together.
 */
public record RetryBackoff(Duration initialDelay, Duration maxDelay) {

    /** SQS refuses visibility timeouts above 12 hours. */
    static final long SQS_MAX_SECONDS = 43_200;

    private static final double SHORTEST_JITTER = 0.8;
    private static final double LONGEST_JITTER = 1.2;

    public Duration delayAfter(int receiveCount) {
        double jittered = baseMillis(receiveCount)
                * ThreadLocalRandom.current().nextDouble(SHORTEST_JITTER, LONGEST_JITTER);
        return Duration.ofMillis((long) Math.min(jittered, maxDelay.toMillis()));
    }

    /** The delay as SQS takes it: whole seconds, at least one, at most twelve hours. */
    public int visibilitySecondsAfter(int receiveCount) {
        long seconds = Math.max(1, Math.round(delayAfter(receiveCount).toMillis() / 1000.0));
        return (int) Math.min(SQS_MAX_SECONDS, seconds);
    }

    /** The least {@link #visibilitySecondsAfter} can be: the delay at the short end of its jitter. */
    public long shortestVisibilitySecondsAfter(int receiveCount) {
        long seconds = Math.max(1, Math.round(baseMillis(receiveCount) * SHORTEST_JITTER / 1000.0));
        return Math.min(SQS_MAX_SECONDS, seconds);
    }

    /**
     * How many deliveries it takes for the retries to span at least {@code window} from the first delivery, each
     * delay at the short end of its jitter.
     */
    public int deliveriesSpanning(Duration window) {
        long spanned = 0;
        int deliveries = 1;
        while (spanned < window.toSeconds()) {
            spanned += shortestVisibilitySecondsAfter(deliveries);
            deliveries++;
        }
        return deliveries;
    }

    private double baseMillis(int receiveCount) {
        int exponent = Math.max(0, Math.min(30, receiveCount - 1));
        return Math.min(maxDelay.toMillis(), initialDelay.toMillis() * Math.pow(2, exponent));
    }
}
