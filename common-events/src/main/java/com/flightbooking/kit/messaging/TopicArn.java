package com.flightbooking.kit.messaging;

import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The ARN events are published to: configured in production, learned from provisioning in local runs and tests.
 */
@ApplicationScoped
public class TopicArn {

    private final MessagingConfig config;
    private final AtomicReference<String> provisioned = new AtomicReference<>();

    TopicArn(MessagingConfig config) {
        this.config = config;
    }

    public String get() {
        String arn = provisioned.get();
        if (arn != null) {
            return arn;
        }
        return config.topicArn().orElseThrow(() -> new IllegalStateException(
                "No SNS topic ARN: set flights.messaging.topic-arn (FLIGHTS_MESSAGING_TOPIC_ARN)"
                        + " or enable flights.messaging.provisioning.enabled"));
    }

    void provisioned(String arn) {
        provisioned.set(arn);
    }
}
