package com.flightbooking.kit.consumer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;

import com.flightbooking.kit.messaging.MessageAttributes;
import com.flightbooking.kit.messaging.MessagingConfig;
import com.flightbooking.kit.messaging.MessagingNames;
import com.flightbooking.kit.secrets.PersonalData;

import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * What ops do with a role's dead-letter queue: look at what is in it and why, and send messages back to the role's
 * queue once the cause is fixed. SQS has no peek: listing receives every message for a short while and releases it
 * again, so two listings at the same moment each see only part of the queue.
 */
@ApplicationScoped
public class DeadLetters {

    private static final int HOLD_SECONDS = 30;

    private final SqsAsyncClient sqs;
    private final MessagingConfig messaging;

    DeadLetters(SqsAsyncClient sqs, MessagingConfig messaging) {
        this.sqs = sqs;
        this.messaging = messaging;
    }

    /** A dead-lettered message as ops see it: its body without personal data ({@link PersonalData}). */
    public record DeadLetter(String messageId, String eventType, String bookingId, Integer deliveries,
            String reason, String body) {
    }

    public List<DeadLetter> list(String role, int limit) {
        String dlqUrl = url(MessagingNames.deadLetterQueue(messaging, role));
        List<Message> held = receiveAll(dlqUrl, limit);
        release(dlqUrl, held);
        return held.stream().map(DeadLetters::describe).toList();
    }

    /**
     * Moves the messages about {@code bookingIds} (all messages when empty) back to the role's queue, without their
     * dead-letter attributes. Returns how many were moved.
     */
    public int redrive(String role, Set<String> bookingIds) {
        String dlqUrl = url(MessagingNames.deadLetterQueue(messaging, role));
        String queueUrl = url(MessagingNames.queue(messaging, role));
        Predicate<Message> selected = m -> bookingIds.isEmpty()
                || bookingIds.contains(attribute(m, MessageAttributes.SUBJECT).orElse(""));
        List<Message> held = receiveAll(dlqUrl, Integer.MAX_VALUE);
        List<Message> keep = new ArrayList<>();
        int moved = 0;
        for (Message message : held) {
            if (!selected.test(message)) {
                keep.add(message);
                continue;
            }
            Map<String, MessageAttributeValue> attributes = new HashMap<>(message.messageAttributes());
            attributes.remove(QueueConsumer.DEAD_LETTER_REASON);
            attributes.remove(QueueConsumer.DEAD_LETTER_RECEIVE_COUNT);
            sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(message.body()).messageAttributes(attributes))
                    .join();
            sqs.deleteMessage(r -> r.queueUrl(dlqUrl).receiptHandle(message.receiptHandle())).join();
            moved++;
        }
        release(dlqUrl, keep);
        return moved;
    }

    private List<Message> receiveAll(String dlqUrl, int limit) {
        List<Message> held = new ArrayList<>();
        while (held.size() < limit) {
            int batch = Math.min(10, limit - held.size());
            List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(dlqUrl).maxNumberOfMessages(batch)
                    .visibilityTimeout(HOLD_SECONDS).waitTimeSeconds(0).messageAttributeNames("All")
                    .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                    .join().messages();
            if (messages.isEmpty()) {
                break;
            }
            held.addAll(messages);
        }
        return held;
    }

    private void release(String dlqUrl, List<Message> messages) {
        for (Message message : messages) {
            sqs.changeMessageVisibility(r -> r.queueUrl(dlqUrl).receiptHandle(message.receiptHandle())
                    .visibilityTimeout(0)).join();
        }
    }

    private String url(String queue) {
        return sqs.getQueueUrl(r -> r.queueName(queue)).join().queueUrl();
    }

    private static DeadLetter describe(Message message) {
        return new DeadLetter(message.messageId(),
                attribute(message, MessageAttributes.TYPE).orElse(null),
                attribute(message, MessageAttributes.SUBJECT).orElse(null),
                attribute(message, QueueConsumer.DEAD_LETTER_RECEIVE_COUNT).map(Integer::valueOf).orElse(null),
                attribute(message, QueueConsumer.DEAD_LETTER_REASON)
                        .orElse("moved by the queue's redrive policy after too many deliveries"),
                PersonalData.redact(message.body()));
    }

    private static Optional<String> attribute(Message message, String name) {
        return Optional.ofNullable(message.messageAttributes().get(name)).map(MessageAttributeValue::stringValue);
    }
}
