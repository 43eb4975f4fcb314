package com.flightbooking.workers.fulfilment;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.flightbooking.events.QueueRole;
import com.flightbooking.kit.consumer.RetrySchedule;
import com.flightbooking.kit.messaging.MessagingConfig;

import io.quarkus.runtime.StartupEvent;

/**
 * How many times the fulfilment role tries a seat before it gives up and compensates: {@code
 * flights.fulfilment.max-attempts}, by default one fewer than its queue delivers the event ({@link RetrySchedule}: the
 * role's retry window). It must stay below that, or the event would reach the dead-letter queue before the worker
 * gives up, and the booking would stay charged without the refund its {@code FulfilmentFailed} brings: a configured
 * value at or above it stops the start.
 */
@ApplicationScoped
class FulfilmentAttempts {

    private final int max;
    private final int deliveries;
    private final boolean roleEnabled;

    @Inject
    FulfilmentAttempts(MessagingConfig messaging, Config config,
            @ConfigProperty(name = "flights.fulfilment.max-attempts") Optional<Integer> configured) {
        this(configured, RetrySchedule.ofRole(config, QueueRole.Names.FULFILMENT,
                messaging.provisioning().maxReceiveCount()).maxReceiveCount(),
                messaging.roles().orElse(List.of()).contains(QueueRole.Names.FULFILMENT));
    }

    private FulfilmentAttempts(Optional<Integer> configured, int deliveries, boolean roleEnabled) {
        this.deliveries = deliveries;
        this.max = configured.orElse(deliveries - 1);
        this.roleEnabled = roleEnabled;
    }

    /** For unit tests of the role: {@code max} attempts, on a queue that delivers once more. */
    static FulfilmentAttempts of(int max) {
        return new FulfilmentAttempts(Optional.of(max), max + 1, true);
    }

    int max() {
        return max;
    }

    void onStart(@Observes StartupEvent event) {
        if (roleEnabled) {
            check(max, deliveries);
        }
    }

    static void check(int maxAttempts, int maxReceiveCount) {
        if (maxAttempts >= maxReceiveCount) {
            throw new IllegalStateException(("flights.fulfilment.max-attempts is %d, but the fulfilment queue delivers"
                    + " an event at most %d times (max-receive-count): set max-attempts below it, so that the worker"
                    + " gives up and compensates before the event is dead-lettered").formatted(maxAttempts,
                            maxReceiveCount));
        }
    }
}
