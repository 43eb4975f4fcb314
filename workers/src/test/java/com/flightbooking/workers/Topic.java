package com.flightbooking.workers;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Singleton;

import com.flightbooking.events.EventCodec;
import com.flightbooking.events.EventEnvelope;
import com.flightbooking.events.EventPayload;
import com.flightbooking.events.EventType;
import com.flightbooking.events.testing.Quiescence;
import com.flightbooking.events.testing.SpyQueue;
import com.flightbooking.kit.messaging.MessageAttributes;
import com.flightbooking.kit.messaging.MessagingConfig;
import com.flightbooking.kit.messaging.MessagingNames;
import com.flightbooking.kit.messaging.TopicArn;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.mutiny.sqlclient.Pool;
import software.amazon.awssdk.services.sns.SnsAsyncClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The booking topic as the workers' tests use it: publish an event exactly as an outbox relay would (body and
 * mirrored attributes), watch what the roles publish, and tell when a role has finished with what it was sent.
 */
@Singleton
public class Topic {

    /** An event some role published, decoded, with the message attributes it arrived with. */
    public record Published(EventEnvelope event, Map<String, String> attributes) {

        public <T extends EventPayload> T data(Class<T> payloadClass) {
            return event.dataAs(payloadClass);
        }
    }

    /** A queue subscribed to the topic for one test; it sees every event published after {@link #spy()}. */
    public final class Spy {

        private final SpyQueue queue;

        private Spy(SpyQueue queue) {
            this.queue = queue;
        }

        /** The events of {@code type} about the booking received so far, after one more short poll. */
        public List<Published> of(UUID bookingId, EventType type) {
            return queue.pollFor(bookingId.toString()).stream()
                    .filter(m -> m.messageAttributes().containsKey(MessageAttributes.TYPE) && type.ceType()
                            .equals(m.messageAttributes().get(MessageAttributes.TYPE).stringValue()))
                    .map(m -> {
                        Map<String, String> attributes = new HashMap<>();
                        m.messageAttributes().forEach((name, value) -> attributes.put(name, value.stringValue()));
                        return new Published(codec.decode(m.body()), attributes);
                    })
                    .toList();
        }
    }

    private final SnsAsyncClient sns;
    private final SqsAsyncClient sqs;
    private final TopicArn topicArn;
    private final EventCodec codec;
    private final MessagingConfig messaging;
    private final Pool pool;
    private final MeterRegistry registry;

    Topic(SnsAsyncClient sns, SqsAsyncClient sqs, TopicArn topicArn, EventCodec codec, MessagingConfig messaging,
            Pool pool, MeterRegistry registry) {
        this.sns = sns;
        this.sqs = sqs;
        this.topicArn = topicArn;
        this.codec = codec;
        this.messaging = messaging;
        this.pool = pool;
        this.registry = registry;
    }

    public void publish(EventEnvelope event) {
        Map<String, MessageAttributeValue> attributes = new HashMap<>();
        attributesOf(event, event.type().ceType()).forEach((name, value) -> attributes.put(name,
                MessageAttributeValue.builder().dataType("String").stringValue(value).build()));
        sns.publish(r -> r.topicArn(topicArn.get()).message(codec.encode(event)).messageAttributes(attributes)).join();
    }

    /**
     * Puts the event, typed {@code ceType}, straight into each role's queue, as a subscription without a filter policy
     * delivers it ({@code apply-filters-to-subscriptions=false}; TopologyProvisionerTest covers that switch): raw, with
     * the attributes the relay mirrors. What a role's own filter does with an event its subscription would keep out.
     */
    public void deliverUnfiltered(EventEnvelope event, String ceType, List<String> roles) {
        Map<String, software.amazon.awssdk.services.sqs.model.MessageAttributeValue> attributes = new HashMap<>();
        attributesOf(event, ceType).forEach((name, value) -> attributes.put(name,
                software.amazon.awssdk.services.sqs.model.MessageAttributeValue.builder().dataType("String")
                        .stringValue(value).build()));
        String body = codec.encode(event);
        for (String role : roles) {
            String url = sqs.getQueueUrl(r -> r.queueName(MessagingNames.queue(messaging, role))).join().queueUrl();
            sqs.sendMessage(r -> r.queueUrl(url).messageBody(body).messageAttributes(attributes)).join();
        }
    }

    /** The attributes the relay publishes the event with ({@link MessageAttributes}), typed {@code ceType}. */
    private static Map<String, String> attributesOf(EventEnvelope event, String ceType) {
        return MessageAttributes.of(ceType, event.id().toString(), event.subject(), event.correlationId(),
                event.traceparent());
    }

    public Spy spy() {
        return new Spy(SpyQueue.subscribe(sns, sqs, topicArn.get()));
    }

    /**
     * Returns once the roles' queues hold nothing and the whole app is quiet ({@link Quiescence}): what they were sent
     * is handled (or dead-lettered), and what that caused is published. Count "once" and "never" after this.
     */
    public void awaitQuiescence(String... roles) {
        Quiescence.ofThisApp(sqs, pool, registry, messaging, roles).await();
    }

    /** Messages in the role's dead-letter queue now (SQS's approximate count; exact on the emulator). */
    public int deadLetters(String role) {
        String url = sqs.getQueueUrl(r -> r.queueName(MessagingNames.deadLetterQueue(messaging, role))).join()
                .queueUrl();
        return Integer.parseInt(sqs.getQueueAttributes(r -> r.queueUrl(url)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).join().attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
    }
}
