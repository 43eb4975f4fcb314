package com.flightbooking.booking.api.responseevents;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Keeps back the responses anyone can cause in bulk for free, so that a flood of them does not become as many
 * events on the topic: a 401 or 404 to an anonymous client (no token, a bad one, a scan of paths) and a 429 (the abuse
 * limits refusing, already counted by {@code flights.rate-limits.rejected}). {@code flights.response.events.skipped}
 * counts them by {@code reason}: {@code anonymous_refused}, {@code rate_limited}.
 */
@Singleton
class ResponseFloodGuard {

    private static final int UNAUTHORIZED = 401;
    private static final int NOT_FOUND = 404;
    private static final int TOO_MANY_REQUESTS = 429;

    private final Counter anonymousRefused;
    private final Counter rateLimited;

    ResponseFloodGuard(MeterRegistry registry) {
        this.anonymousRefused = skipped(registry, "anonymous_refused");
        this.rateLimited = skipped(registry, "rate_limited");
    }

    /** False, counted, for a response kept back. */
    boolean passes(ObservedResponse response) {
        if (response.status() == TOO_MANY_REQUESTS) {
            rateLimited.increment();
            return false;
        }
        if ((response.status() == UNAUTHORIZED || response.status() == NOT_FOUND) && response.anonymous()) {
            anonymousRefused.increment();
            return false;
        }
        return true;
    }

    private static Counter skipped(MeterRegistry registry, String reason) {
        return Counter.builder("flights.response.events.skipped").tag("reason", reason)
                .description("HTTP responses not published, as anyone can cause them in bulk").register(registry);
    }
}
