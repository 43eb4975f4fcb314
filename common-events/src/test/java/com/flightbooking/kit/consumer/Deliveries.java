package com.flightbooking.kit.consumer;

import java.time.Instant;
import java.util.Map;

import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/** Deliveries as the consumer builds them from received messages, for the strategy tests. */
final class Deliveries {

    static final String ROLE = "kit-test";

    private Deliveries() {
    }

    /** Delivery {@code receiveCount} of message {@code m-<n>}, receipt handle {@code receipt-<n>}. */
    static SqsDelivery delivery(int n, int receiveCount, Map<String, MessageAttributeValue> attributes) {
        return new SqsDelivery(ROLE, "m-" + n, "receipt-" + n, receiveCount, attributes, "{\"n\":" + n + "}", null,
                Instant.now());
    }

    static SqsDelivery delivery(int n) {
        return delivery(n, 1, Map.of());
    }
}
