package com.flightbooking.workers.fulfilment;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.flightbooking.kit.messaging.MessagingConfig;

import io.quarkus.runtime.StartupEvent;

/**
 * Refuses to start the fulfilment role when it would try a seat as often as its queue delivers the event, or more:
 * the event would then reach the dead-letter queue before the worker gives up, and the booking would stay charged
 * without the refund its {@code FulfilmentFailed} brings.
 */
@ApplicationScoped
class FulfilmentAttemptsCheck {

    private static final String ROLE = "fulfilment";

    private final MessagingConfig messaging;
    private final int maxAttempts;
    private final Optional<Integer> channelMaxReceiveCount;

    FulfilmentAttemptsCheck(MessagingConfig messaging,
            @ConfigProperty(name = "flights.fulfilment.max-attempts") int maxAttempts,
            @ConfigProperty(name = "mp.messaging.incoming.fulfilment.max-receive-count") Optional<Integer> channelMaxReceiveCount) {
        this.messaging = messaging;
        this.maxAttempts = maxAttempts;
        this.channelMaxReceiveCount = channelMaxReceiveCount;
    }

    void onStart(@Observes StartupEvent event) {
        if (messaging.roles().orElse(List.of()).contains(ROLE)) {
            check(maxAttempts, channelMaxReceiveCount.orElse(messaging.provisioning().maxReceiveCount()));
        }
    }

    /** The consumer kit reads the channel's max-receive-count the same way: the channel's own, else the queues'. */
    static void check(int maxAttempts, int maxReceiveCount) {
        if (maxAttempts >= maxReceiveCount) {
            throw new IllegalStateException(("flights.fulfilment.max-attempts is %d, but the fulfilment queue delivers"
                    + " an event at most %d times (max-receive-count): set max-attempts below it, so that the worker"
                    + " gives up and compensates before the event is dead-lettered").formatted(maxAttempts,
                            maxReceiveCount));
        }
    }
}
