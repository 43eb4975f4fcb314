package com.flightbooking.events.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import com.flightbooking.kit.messaging.MessageAttributes;

import software.amazon.awssdk.services.sns.SnsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A throwaway queue subscribed to a topic with raw delivery, to see exactly what a subscriber would receive.
 * Received messages are deleted and kept, so repeated polls accumulate everything that arrived.
 */
public final class SpyQueue {

    private final SqsAsyncClient sqs;
    private final String queueUrl;
    private final List<Message> received = new CopyOnWriteArrayList<>();

    private SpyQueue(SqsAsyncClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    public static SpyQueue subscribe(SnsAsyncClient sns, SqsAsyncClient sqs, String topicArn) {
        String name = "spy-" + UUID.randomUUID();
        String url = sqs.createQueue(r -> r.queueName(name)).join().queueUrl();
        String arn = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .join().attributes().get(QueueAttributeName.QUEUE_ARN);
        sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(arn)
                .attributes(Map.of("RawMessageDelivery", "true"))).join();
        return new SpyQueue(sqs, url);
    }

    /**
     * Everything received so far, after reading the queue until it is empty: after {@link Quiescence}, that is
     * everything that will ever arrive.
     */
    public List<Message> poll() {
        List<Message> batch;
        do {
            batch = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(0)
                    .messageAttributeNames("All").messageSystemAttributeNames(MessageSystemAttributeName.ALL))
                    .join().messages();
            if (!batch.isEmpty()) {
                received.addAll(batch);
                List<DeleteMessageBatchRequestEntry> deletes = new ArrayList<>();
                for (int i = 0; i < batch.size(); i++) {
                    deletes.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i))
                            .receiptHandle(batch.get(i).receiptHandle()).build());
                }
                sqs.deleteMessageBatch(r -> r.queueUrl(queueUrl).entries(deletes)).join();
            }
        } while (!batch.isEmpty());
        return List.copyOf(received);
    }

    /** Messages whose {@code ce_subject} attribute is {@code subject}, after one more {@link #poll()}. */
    public List<Message> pollFor(String subject) {
        return poll().stream()
                .filter(m -> m.messageAttributes().containsKey("ce_subject")
                        && subject.equals(m.messageAttributes().get("ce_subject").stringValue()))
                .toList();
    }

    /** How many times each event about {@code subject} arrived, by event id, after one more {@link #poll()}. */
    public Map<String, Long> deliveriesPerEvent(String subject) {
        return pollFor(subject).stream().collect(Collectors.groupingBy(
                m -> m.messageAttributes().get(MessageAttributes.ID).stringValue(), Collectors.counting()));
    }
}
