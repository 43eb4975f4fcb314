package com.flightbooking.kit.consumer;

import java.time.Instant;
import java.util.Map;

import com.flightbooking.events.EventEnvelope;

import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * One delivery of an event from a role's queue: message metadata handed to handlers along with the decoded event.
 * {@code receiveCount} is SQS's ApproximateReceiveCount: 1 on the first delivery. {@code sentAt} is SQS's
 * SentTimestamp, when the message reached the queue (for a role queue: when SNS delivered the published event), or
 * null when SQS did not say.
 */
public record SqsDelivery(
        String role,
        String messageId,
        String receiptHandle,
        int receiveCount,
        Map<String, MessageAttributeValue> attributes,
        String body,
        EventEnvelope event,
        Instant receivedAt,
        Instant sentAt) {

    /** A delivery no handler sees (released on drain, or dead-lettered at once): its send time does not matter. */
    public SqsDelivery(String role, String messageId, String receiptHandle, int receiveCount,
            Map<String, MessageAttributeValue> attributes, String body, EventEnvelope event, Instant receivedAt) {
        this(role, messageId, receiptHandle, receiveCount, attributes, body, event, receivedAt, null);
    }

    /** SentTimestamp (epoch milliseconds) among a received message's system attributes, when present. */
    static Instant sentAt(Map<String, String> systemAttributes) {
        String millis = systemAttributes.get(MessageSystemAttributeName.SENT_TIMESTAMP.toString());
        return millis == null ? null : Instant.ofEpochMilli(Long.parseLong(millis));
    }
}
