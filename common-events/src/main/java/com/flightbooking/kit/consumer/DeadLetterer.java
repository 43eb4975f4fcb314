package com.flightbooking.kit.consumer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.quarkus.logging.Log;
import io.vertx.core.Context;
import io.vertx.core.impl.ContextInternal;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * Moves a message to its queue's dead-letter queue ({@code <queue>-dlq}) with the reason and the delivery count as
 * attributes ({@link QueueConsumer#DEAD_LETTER_REASON}, {@link QueueConsumer#DEAD_LETTER_RECEIVE_COUNT}), then
 * acknowledges it. Without a dead-letter queue the message comes back after the backoff, until the queue's redrive
 * policy moves it; when sending fails it comes back after the first backoff step, to be dead-lettered again.
 * Confined to the consumer's Vert.x context.
 */
final class DeadLetterer {

    private static final int MAX_REASON_LENGTH = 1_000;

    private final ConsumerSettings settings;
    private final SqsAsyncClient sqs;
    private final Context context;
    private final ConsumerObserver observer;
    private final VisibilityChanges visibility;
    private final DeleteBatcher deletes;
    /** Null until found, and while the queue has none. */
    private String deadLetterQueueUrl;

    DeadLetterer(ConsumerSettings settings, SqsAsyncClient sqs, Context context, ConsumerObserver observer,
            VisibilityChanges visibility, DeleteBatcher deletes) {
        this.settings = settings;
        this.sqs = sqs;
        this.context = context;
        this.observer = observer;
        this.visibility = visibility;
        this.deletes = deletes;
    }

    /** Completes once the dead-letter queue is known, or known to be missing. */
    CompletionStage<Void> locateQueue() {
        CompletableFuture<Void> located = new CompletableFuture<>();
        sqs.getQueueUrl(r -> r.queueName(settings.queue() + "-dlq")).whenComplete((dlq, missing) -> context
                .runOnContext(v -> {
                    deadLetterQueueUrl = missing == null ? dlq.queueUrl() : null;
                    located.complete(null);
                }));
        return located;
    }

    /** {@code handlerContext}: the context the delivery was handled in, null when no handler saw it. */
    void deadLetter(SqsDelivery delivery, String reason, ContextInternal handlerContext) {
        if (deadLetterQueueUrl == null) {
            HandlerLogging.in(handlerContext, () -> Log.errorf(
                    "Role %s: message %s should be dead-lettered (%s) but %s-dlq is missing; SQS redrive will move it",
                    settings.role(), delivery.messageId(), reason, settings.queue()));
            visibility.set(List.of(delivery), settings.retry().backoff().visibilitySecondsAfter(delivery.receiveCount()));
            return;
        }
        HandlerLogging.in(handlerContext, () -> Log.errorf("Role %s: message %s goes to the dead-letter queue: %s",
                settings.role(), delivery.messageId(), reason));
        sqs.sendMessage(r -> r.queueUrl(deadLetterQueueUrl).messageBody(delivery.body())
                .messageAttributes(attributes(delivery, reason)))
                .whenComplete((sent, failure) -> context.runOnContext(v -> {
                    if (failure == null) {
                        observer.deadLettered(settings.role());
                        deletes.add(delivery.receiptHandle());
                    } else {
                        HandlerLogging.in(handlerContext, () -> Log.warnf(
                                "Role %s: dead-lettering message %s failed, it will be redelivered: %s",
                                settings.role(), delivery.messageId(), failure.getMessage()));
                        visibility.set(List.of(delivery), settings.retry().backoff().visibilitySecondsAfter(1));
                    }
                }));
    }

    /** The delivery's own attributes plus why and after how many deliveries it was dead-lettered. */
    static Map<String, MessageAttributeValue> attributes(SqsDelivery delivery, String reason) {
        Map<String, MessageAttributeValue> attributes = new HashMap<>(delivery.attributes());
        String shortReason = reason.length() > MAX_REASON_LENGTH ? reason.substring(0, MAX_REASON_LENGTH) : reason;
        attributes.put(QueueConsumer.DEAD_LETTER_REASON, MessageAttributeValue.builder().dataType("String")
                .stringValue(shortReason).build());
        attributes.put(QueueConsumer.DEAD_LETTER_RECEIVE_COUNT, MessageAttributeValue.builder().dataType("Number")
                .stringValue(Integer.toString(delivery.receiveCount())).build());
        return attributes;
    }
}
