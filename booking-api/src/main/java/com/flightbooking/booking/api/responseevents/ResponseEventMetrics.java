package com.flightbooking.booking.api.responseevents;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code flights.response.events.published} counts events SNS accepted; {@code flights.response.events.dropped}
 * counts lost ones by {@code reason}: {@code buffer_full}, {@code publish_failed}, {@code shutdown} (still buffered
 * when the shutdown wait ran out) and {@code capture_failed} (a bug reading the response);
 * {@code flights.response.events.buffered} is how many wait. All are registered at startup, so they read 0 rather
 * than missing.
 */
@Singleton
class ResponseEventMetrics {

    enum DropReason {
        BUFFER_FULL,
        PUBLISH_FAILED,
        SHUTDOWN,
        CAPTURE_FAILED
    }

    private final Counter published;
    private final Map<DropReason, Counter> dropped;

    ResponseEventMetrics(MeterRegistry registry, ResponseEventBuffer buffer) {
        this.published = Counter.builder("flights.response.events.published")
                .description("HTTP response events SNS accepted").register(registry);
        this.dropped = new EnumMap<>(DropReason.class);
        for (DropReason reason : DropReason.values()) {
            dropped.put(reason, Counter.builder("flights.response.events.dropped")
                    .tag("reason", reason.name().toLowerCase(Locale.ROOT))
                    .description("HTTP response events lost (best effort)").register(registry));
        }
        Gauge.builder("flights.response.events.buffered", buffer, ResponseEventBuffer::size)
                .description("HTTP response events waiting to be published").register(registry);
    }

    void published(int events) {
        published.increment(events);
    }

    void dropped(DropReason reason, int events) {
        dropped.get(reason).increment(events);
    }
}
