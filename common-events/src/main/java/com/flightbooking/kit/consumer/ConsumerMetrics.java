package com.flightbooking.kit.consumer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntSupplier;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Per-role consumer metrics: {@code flights.consumer.messages{role,outcome}} counts received, filtered, handled,
 * failed, retried, dead-lettered, timed-out (handler abandoned) and put-back (held by the role's gate) messages;
 * {@code flights.consumer.handler{role,outcome}} times handlers;
 * {@code flights.consumer.held{role}} is the number of messages held in memory.
 */
@Singleton
public class ConsumerMetrics implements ConsumerObserver {

    private final MeterRegistry registry;
    private final Map<String, List<IntSupplier>> heldByRole = new ConcurrentHashMap<>();

    ConsumerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void started(String role, IntSupplier held) {
        // One gauge per role, summing its consumers (the `concurrency` attribute makes several).
        heldByRole.computeIfAbsent(role, r -> {
            List<IntSupplier> consumers = new CopyOnWriteArrayList<>();
            Gauge.builder("flights.consumer.held", consumers, c -> c.stream().mapToInt(IntSupplier::getAsInt).sum())
                    .tag("role", r).description("Messages received and not yet finished").register(registry);
            return consumers;
        }).add(held);
    }

    @Override
    public void received(String role) {
        count(role, "received");
    }

    @Override
    public void filtered(String role) {
        count(role, "filtered");
    }

    @Override
    public void handled(String role, Duration handlerTime) {
        count(role, "handled");
        time(role, "success", handlerTime);
    }

    @Override
    public void failed(String role, Duration handlerTime) {
        count(role, "failed");
        time(role, "failure", handlerTime);
    }

    @Override
    public void retried(String role) {
        count(role, "retried");
    }

    @Override
    public void deadLettered(String role) {
        count(role, "dead_lettered");
    }

    @Override
    public void timedOut(String role) {
        count(role, "timed_out");
    }

    @Override
    public void putBack(String role, int count) {
        registry.counter("flights.consumer.messages", "role", role, "outcome", "put_back").increment(count);
    }

    private void count(String role, String outcome) {
        registry.counter("flights.consumer.messages", "role", role, "outcome", outcome).increment();
    }

    private void time(String role, String outcome, Duration duration) {
        Timer.builder("flights.consumer.handler").tag("role", role).tag("outcome", outcome)
                .publishPercentileHistogram().register(registry).record(duration);
    }
}
