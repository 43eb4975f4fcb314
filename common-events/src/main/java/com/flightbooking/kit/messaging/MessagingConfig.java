package com.flightbooking.kit.messaging;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "flights.messaging")
public interface MessagingConfig {

    /** Name of the SNS topic that carries every booking event. */
    @WithDefault("booking-events")
    String topic();

    /**
     * ARN of the topic. Required when provisioning is off (production); when on, it is whatever CreateTopic answers.
     */
    Optional<String> topicArn();

    /** Appended to every topic and queue name, so that test runs sharing one emulator never share a queue. */
    Optional<String> nameSuffix();

    /** The worker roles this process consumes for; each has its own queue and dead-letter queue. */
    Optional<List<String>> roles();

    Provisioning provisioning();

    interface Provisioning {

        /** Create the topic, queues, DLQs and subscriptions at startup (idempotent). Off in production. */
        @WithDefault("false")
        boolean enabled();

        /** Deliveries of one message before SQS moves it to the role's dead-letter queue. */
        @WithDefault("5")
        int maxReceiveCount();

        /** Visibility timeout of the role queues. */
        @WithDefault("30s")
        Duration visibilityTimeout();

        /**
         * Apply each role's filter (the event types its {@code QueueRole} handles, or its own {@code filter}) as its
         * SNS subscription's FilterPolicy, so unwanted events are not even delivered: on a 2-core machine at 20
         * bookings/s this took the workers from 32 to 22 ms of CPU per booking and the emulator from 12 to 7
         * (docs/benchmarks.md). Off: every event reaches every queue, to be dropped by the consumer, which keeps
         * filtering either way (and a subscription keeps a FilterPolicy it was given before).
         */
        @WithDefault("true")
        boolean applyFiltersToSubscriptions();

        /** How long the dead-letter queues keep a message, for ops to inspect and redrive. */
        @WithDefault("14d")
        Duration dlqRetention();

        /**
         * Per role, how long SQS holds each new message before any consumer sees it (the queue's DelaySeconds; whole
         * seconds, at most 15 minutes): {@code queue-delay."airline-check"=5m}. Roles not listed get no delay.
         */
        Map<String, Duration> queueDelay();
    }
}
