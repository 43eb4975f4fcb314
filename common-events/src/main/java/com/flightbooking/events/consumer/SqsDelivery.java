package com.flightbooking.events.consumer;

import java.time.Instant;
import java.util.Map;

import com.flightbooking.events.EventEnvelope;

import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * One delivery of an event from a role's queue: message metadata handed to handlers along with the decoded event.
 * {@code receiveCount} is SQS's ApproximateReceiveCount: 1 on the first delivery.
 */
public record SqsDelivery(
        String role,
        String messageId,
        String receiptHandle,
        int receiveCount,
        Map<String, MessageAttributeValue> attributes,
        String body,
        EventEnvelope event,
        Instant receivedAt) {
}
