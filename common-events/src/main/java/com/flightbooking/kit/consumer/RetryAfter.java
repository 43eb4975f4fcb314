package com.flightbooking.kit.consumer;

import java.time.Duration;
import java.util.Optional;

/**
 * A failure that knows when trying again makes sense, as a partner's {@code Retry-After} says: the kit then waits at
 * least that long before the next delivery (and at most the twelve hours SQS allows), instead of only its backoff.
 */
public interface RetryAfter {

    Optional<Duration> retryAfter();
}
