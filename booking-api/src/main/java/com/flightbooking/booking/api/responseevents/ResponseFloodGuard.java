package com.flightbooking.booking.api.responseevents;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Keeps back the responses anyone can cause in bulk for free, so that a flood of them does not become as many
 * events on the topic: a 404 to an anonymous client (a scan of ids or paths) and a 429 (the abuse limits refusing,
 * already counted by {@code flights.rate-limits.rejected}). {@code flights.response.events.skipped} counts them by
 * {@code reason}: {@code anonymous_not_found}, {@code rate_limited}.
 */
@Singleton
class ResponseFloodGuard {

    private static final int NOT_FOUND = 404;
    private static final int TOO_MANY_REQUESTS = 429;

    private final Counter anonymousNotFound;
    private final Counter rateLimited;

    ResponseFloodGuard(MeterRegistry registry) {
        this.anonymousNotFound = skipped(registry, "anonymous_not_found");
        this.rateLimited = skipped(registry, "rate_limited");
    }

    /** False, counted, for a response kept back. */
    boolean passes(ObservedResponse response) {
        if (response.status() == TOO_MANY_REQUESTS) {
            rateLimited.increment();
            return false;
        }
        if (response.status() == NOT_FOUND && response.principal() == null) {
            anonymousNotFound.increment();
            return false;
        }
        return true;
    }

    private static Counter skipped(MeterRegistry registry, String reason) {
        return Counter.builder("flights.response.events.skipped").tag("reason", reason)
                .description("HTTP responses not published, as anyone can cause them in bulk").register(registry);
    }
}
