package com.flightbooking.booking.api.responseevents;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Which HTTP responses become {@code HttpResponseSent} events, and how they leave. A rule is up to three words in any
 * order: a method ({@code GET}), a route pattern ({@code /bookings/*}; {@code *} matches anything, slashes too; it is
 * matched against the route template, or the path when no resource matched) and a status class or status
 * ({@code 5xx}, {@code 404}). A response is published when it matches an include rule (any response, when there is
 * none) and no exclude rule.
 */
@ConfigMapping(prefix = "flights.response-events")
public interface ResponseEventsConfig {

    @WithDefault("true")
    boolean enabled();

    Optional<List<String>> include();

    @WithDefault("/q/*,/,/index.html,/web/*")
    List<String> exclude();

    /** Events waiting to be published; when full, new ones are dropped (and counted), never waited for. */
    @WithDefault("10000")
    int bufferSize();

    /** Events per PublishBatch call, at most 10 (the SNS limit). */
    @WithDefault("10")
    int batchSize();

    /** The longest an event waits for its batch to fill before it is sent anyway. */
    @WithDefault("50ms")
    Duration flushInterval();

    /** PublishBatch calls in flight at once; the buffer absorbs bursts beyond what they carry. */
    @WithDefault("4")
    int maxBatchesInFlight();

    /** How long shutdown waits for the buffered events to be published. */
    @WithDefault("5s")
    Duration shutdownTimeout();
}
