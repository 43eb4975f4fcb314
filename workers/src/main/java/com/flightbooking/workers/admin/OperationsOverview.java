package com.flightbooking.workers.admin;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.flightbooking.kit.messaging.MessagingConfig;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The figures of the ops page, read from this process's own meters (the ones Prometheus scrapes), so the page never
 * parses Prometheus text and the figures are the dashboard's. Counters are totals since the process started: the page
 * derives rates from two readings.
 */
@ApplicationScoped
public class OperationsOverview {

    private final MeterRegistry registry;
    private final MessagingConfig messaging;

    OperationsOverview(MeterRegistry registry, MessagingConfig messaging) {
        this.registry = registry;
        this.messaging = messaging;
    }

    /** A figure that is not known yet (a gauge before its first reading) is null. */
    public record RoleFigures(String role, double received, double handled, double failed, double retried,
            double deadLettered, Double inFlight, Double deadLetterDepth) {
    }

    public record OutboxFigures(Double pending, Double oldestPendingAgeSeconds) {
    }

    public record Overview(long readAtMillis, List<RoleFigures> roles, OutboxFigures outbox) {
    }

    public Overview read() {
        List<RoleFigures> roles = messaging.roles().orElse(List.of()).stream()
                .map(role -> new RoleFigures(role, messages(role, "received"), messages(role, "handled"),
                        messages(role, "failed"), messages(role, "retried"), messages(role, "dead_lettered"),
                        gauge("flights.consumer.held", role), gauge("flights.consumer.dlq.depth", role)))
                .toList();
        OutboxFigures outbox = new OutboxFigures(gauge("flights.outbox.pending", null),
                gauge("flights.outbox.pending.age", null));
        return new Overview(System.currentTimeMillis(), roles, outbox);
    }

    private double messages(String role, String outcome) {
        return Optional.ofNullable(registry.find("flights.consumer.messages").tag("role", role)
                .tag("outcome", outcome).counter()).map(Counter::count).orElse(0.0);
    }

    private Double gauge(String name, String role) {
        var search = registry.find(name);
        Gauge gauge = (role == null ? search : search.tag("role", role)).gauge();
        return gauge == null || Double.isNaN(gauge.value()) ? null : gauge.value();
    }
}
