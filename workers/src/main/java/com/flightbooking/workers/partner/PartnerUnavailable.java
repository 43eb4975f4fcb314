package com.flightbooking.workers.partner;

import java.time.Duration;
import java.util.Optional;

import com.flightbooking.kit.consumer.RetryAfter;

/**
 * A partner failed in a way that may pass (5xx, 429, 408): the worker kit retries the event with backoff, and waits at
 * least as long as the partner's {@code Retry-After} asked.
 */
public class PartnerUnavailable extends RuntimeException implements RetryAfter {

    private final transient Optional<Duration> retryAfter;

    public PartnerUnavailable(String message) {
        this(message, Optional.empty());
    }

    public PartnerUnavailable(String message, Optional<Duration> retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    @Override
    public Optional<Duration> retryAfter() {
        return retryAfter;
    }
}
