package com.flightbooking.kit.messaging;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import software.amazon.awssdk.services.sns.SnsAsyncClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishBatchRequestEntry;
import software.amazon.awssdk.services.sns.model.PublishBatchResponse;

/**
 * Publishes encoded events to the booking topic, up to {@link #MAX_BATCH} per {@code PublishBatch} call, and says
 * per entry whether SNS took it.
 */
@ApplicationScoped
public class SnsEventPublisher {

    /** The SNS limit for one PublishBatch call. */
    public static final int MAX_BATCH = 10;

    private final SnsAsyncClient sns;
    private final TopicArn topicArn;

    SnsEventPublisher(SnsAsyncClient sns, TopicArn topicArn) {
        this.sns = sns;
        this.topicArn = topicArn;
    }

    /** An event ready to leave: its JSON body and the attributes that mirror its envelope. */
    public record OutgoingEvent(String batchId, String body, Map<String, String> attributes) {
    }

    /** Entries SNS accepted, and the reason for each it refused. */
    public record BatchResult(List<String> published, Map<String, String> failed) {
    }

    public Uni<BatchResult> publish(List<OutgoingEvent> events) {
        if (events.size() > MAX_BATCH) {
            throw new IllegalArgumentException("at most " + MAX_BATCH + " events per batch, got " + events.size());
        }
        List<PublishBatchRequestEntry> entries = events.stream()
                .map(e -> PublishBatchRequestEntry.builder()
                        .id(e.batchId())
                        .message(e.body())
                        .messageAttributes(toSns(e.attributes()))
                        .build())
                .toList();
        return Uni.createFrom()
                .completionStage(() -> sns.publishBatch(r -> r.topicArn(topicArn.get()).publishBatchRequestEntries(entries)))
                .map(SnsEventPublisher::toResult);
    }

    private static BatchResult toResult(PublishBatchResponse response) {
        List<String> published = new ArrayList<>();
        response.successful().forEach(s -> published.add(s.id()));
        Map<String, String> failed = new HashMap<>();
        response.failed().forEach(f -> failed.put(f.id(), f.code() + ": " + f.message()));
        return new BatchResult(published, failed);
    }

    private static Map<String, MessageAttributeValue> toSns(Map<String, String> attributes) {
        Map<String, MessageAttributeValue> sns = new HashMap<>();
        attributes.forEach((name, value) -> sns.put(name,
                MessageAttributeValue.builder().dataType("String").stringValue(value).build()));
        return sns;
    }
}
