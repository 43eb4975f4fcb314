package com.flightbooking.kit.consumer;

import java.time.Duration;

import org.eclipse.microprofile.config.Config;

/**
 * How often a role's queue delivers an event whose handler keeps failing, and how far apart: the channel's retry
 * backoff and its delivery limit. The limit is the channel's {@code max-receive-count} when set; else, with a
 * {@code retry.window}, as many deliveries as it takes for the retries to span at least that window, even with every
 * delay at the short end of its jitter; else the queues' default. The consumer dead-letters on the last delivery, and
 * provisioning gives the queue's redrive policy the same limit, so that SQS never cuts the window short.
 */
public record RetrySchedule(RetryBackoff backoff, int maxReceiveCount) {

    public static final String INITIAL_DELAY_KEY = "retry.initial-delay";
    public static final String MAX_DELAY_KEY = "retry.max-delay";
    public static final String WINDOW_KEY = "retry.window";
    public static final String MAX_RECEIVE_COUNT_KEY = "max-receive-count";

    static final Duration DEFAULT_INITIAL_DELAY = Duration.ofSeconds(2);
    static final Duration DEFAULT_MAX_DELAY = Duration.ofMinutes(5);

    /**
     * The schedule configured under {@code prefix} in {@code config}: {@code mp.messaging.incoming.<role>.} in the
     * application's configuration, or nothing in a channel's own.
     */
    public static RetrySchedule of(Config config, String prefix, int queueMaxReceiveCount) {
        RetryBackoff backoff = new RetryBackoff(
                config.getOptionalValue(prefix + INITIAL_DELAY_KEY, Duration.class).orElse(DEFAULT_INITIAL_DELAY),
                config.getOptionalValue(prefix + MAX_DELAY_KEY, Duration.class).orElse(DEFAULT_MAX_DELAY));
        int maxReceiveCount = config.getOptionalValue(prefix + MAX_RECEIVE_COUNT_KEY, Integer.class)
                .orElseGet(() -> config.getOptionalValue(prefix + WINDOW_KEY, Duration.class)
                        .map(backoff::deliveriesSpanning)
                        .orElse(queueMaxReceiveCount));
        return new RetrySchedule(backoff, maxReceiveCount);
    }

    /** The schedule of {@code role}'s channel in the application's configuration. */
    public static RetrySchedule ofRole(Config config, String role, int queueMaxReceiveCount) {
        return of(config, "mp.messaging.incoming." + role + ".", queueMaxReceiveCount);
    }

    /** The least time from the first delivery to the last: how long an outage the role rides out. */
    public Duration shortestSpan() {
        long seconds = 0;
        for (int delivery = 1; delivery < maxReceiveCount; delivery++) {
            seconds += backoff.shortestVisibilitySecondsAfter(delivery);
        }
        return Duration.ofSeconds(seconds);
    }
}
