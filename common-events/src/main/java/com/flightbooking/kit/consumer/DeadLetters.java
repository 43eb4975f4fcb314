package com.flightbooking.kit.consumer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.flightbooking.kit.messaging.MessageAttributes;
import com.flightbooking.kit.messaging.MessagingConfig;
import com.flightbooking.kit.messaging.MessagingNames;
import com.flightbooking.kit.secrets.PersonalData;

import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * What ops do with a role's dead-letter queue: look at what is in it and why, and send messages back to the role's
 * queue once the cause is fixed.
 * <p>
 * SQS has no peek and no position: a listing receives up to {@code limit} messages, holds them for a moment and
 * releases them, so a page is "some messages", not "the first n"; the next listing may show the same ones again, and
 * two listings at the same moment each see only part of the queue.
 * <p>
 * A redrive works batch by batch: receive, send the chosen ones to the role's queue, delete them from the DLQ by
 * their receipt handles. A message held by one redrive is invisible to every other for {@value #HOLD_SECONDS} s, so
 * two redrives at once move disjoint messages, and a second redrive finds nothing of what the first moved. Only a
 * message whose delete succeeded counts as moved; one sent but not deleted (its hold ran out and someone else
 * received it) is reported apart: it reaches the role queue twice, which the idempotent consumers absorb.
 */
@ApplicationScoped
public class DeadLetters {

    /** The most a listing or a redrive looks at in one call: every message looked at is held until the call ends. */
    public static final int MAX_SCAN = 1_000;
    /** SQS receives, sends and deletes at most 10 messages per call. */
    public static final int MAX_BATCH = 10;
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

    /**
     * Some of the messages in a role's DLQ. {@code moreMayExist} is true when the listing stopped at its limit or the
     * queue reported more messages than it returned (others may be held by a listing or a redrive at the moment).
     */
    public record Page(String role, List<DeadLetter> messages, long approximateDepth, boolean moreMayExist) {
    }

    /** A message a redrive moved: sent to the role's queue and deleted from the DLQ. */
    public record Moved(String messageId, String bookingId) {
    }

    /**
     * What a redrive did: {@code moved} messages are in the role's queue and gone from the DLQ; {@code notDeleted}
     * were sent but are still in the DLQ (another redrive held them: they reach the consumer twice, harmlessly);
     * {@code notSent} stay in the DLQ untouched. {@code moreMayExist} says that the redrive stopped at {@code max}
     * or at {@link #MAX_SCAN} before the queue looked empty; {@code approximateDepthAfter} is what the DLQ still holds.
     */
    public record Redrive(String role, int moved, List<Moved> messages, List<String> notDeleted, List<String> notSent,
            int scanned, boolean moreMayExist, long approximateDepthAfter) {
    }

    public Page list(String role, Set<String> bookingIds, int limit) {
        String dlqUrl = url(MessagingNames.deadLetterQueue(messaging, role));
        long depth = depth(dlqUrl);
        List<Message> held = new ArrayList<>();
        List<Message> shown = new ArrayList<>();
        boolean exhausted = false;
        while (shown.size() < limit && held.size() < MAX_SCAN) {
            List<Message> batch = receive(dlqUrl, Math.min(MAX_BATCH, bookingIds.isEmpty() ? limit - shown.size()
                    : MAX_SCAN - held.size()));
            if (batch.isEmpty()) {
                exhausted = true;
                break;
            }
            held.addAll(batch);
            batch.stream().filter(m -> selected(m, bookingIds)).limit(limit - shown.size()).forEach(shown::add);
        }
        release(dlqUrl, held);
        boolean more = !exhausted || depth > held.size();
        return new Page(role, shown.stream().map(DeadLetters::describe).toList(), depth, more);
    }

    /**
     * Moves at most {@code max} messages about {@code bookingIds} (any message when empty) back to the role's queue,
     * without their dead-letter attributes, receiving {@code batchSize} at a time.
     */
    public Redrive redrive(String role, Set<String> bookingIds, int batchSize, int max) {
        String dlqUrl = url(MessagingNames.deadLetterQueue(messaging, role));
        String queueUrl = url(MessagingNames.queue(messaging, role));
        List<Message> skipped = new ArrayList<>();
        List<Moved> moved = new ArrayList<>();
        List<String> notDeleted = new ArrayList<>();
        List<String> notSent = new ArrayList<>();
        int scanned = 0;
        boolean exhausted = false;
        while (moved.size() + notDeleted.size() < max && scanned < MAX_SCAN) {
            int room = max - moved.size() - notDeleted.size();
            List<Message> batch = receive(dlqUrl, Math.min(Math.min(batchSize, MAX_SCAN - scanned),
                    bookingIds.isEmpty() ? room : MAX_BATCH));
            if (batch.isEmpty()) {
                exhausted = true;
                break;
            }
            scanned += batch.size();
            List<Message> chosen = new ArrayList<>();
            for (Message message : batch) {
                (selected(message, bookingIds) && chosen.size() < room ? chosen : skipped).add(message);
            }
            if (!chosen.isEmpty()) {
                move(dlqUrl, queueUrl, chosen, moved, notDeleted, notSent);
            }
        }
        release(dlqUrl, skipped);
        boolean more = !exhausted;
        return new Redrive(role, moved.size(), moved, notDeleted, notSent, scanned, more, depth(dlqUrl));
    }

    private void move(String dlqUrl, String queueUrl, List<Message> chosen, List<Moved> moved,
            List<String> notDeleted, List<String> notSent) {
        Map<String, Message> byEntryId = new HashMap<>();
        List<SendMessageBatchRequestEntry> sends = new ArrayList<>();
        for (int i = 0; i < chosen.size(); i++) {
            Message message = chosen.get(i);
            String entryId = Integer.toString(i);
            byEntryId.put(entryId, message);
            Map<String, MessageAttributeValue> attributes = new HashMap<>(message.messageAttributes());
            attributes.remove(QueueConsumer.DEAD_LETTER_REASON);
            attributes.remove(QueueConsumer.DEAD_LETTER_RECEIVE_COUNT);
            sends.add(SendMessageBatchRequestEntry.builder().id(entryId).messageBody(message.body())
                    .messageAttributes(attributes).build());
        }
        var sent = sqs.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(sends)).join();
        List<Message> unsent = sent.failed().stream().map(f -> byEntryId.get(f.id())).toList();
        unsent.forEach(m -> notSent.add(m.messageId()));
        release(dlqUrl, unsent);
        List<DeleteMessageBatchRequestEntry> deletes = sent.successful().stream()
                .map(s -> DeleteMessageBatchRequestEntry.builder().id(s.id())
                        .receiptHandle(byEntryId.get(s.id()).receiptHandle()).build())
                .toList();
        if (deletes.isEmpty()) {
            return;
        }
        var deleted = sqs.deleteMessageBatch(r -> r.queueUrl(dlqUrl).entries(deletes)).join();
        Set<String> deletedIds = deleted.successful().stream().map(d -> d.id()).collect(Collectors.toSet());
        for (DeleteMessageBatchRequestEntry entry : deletes) {
            Message message = byEntryId.get(entry.id());
            if (deletedIds.contains(entry.id())) {
                moved.add(new Moved(message.messageId(),
                        attribute(message, MessageAttributes.SUBJECT).orElse(null)));
            } else {
                notDeleted.add(message.messageId());
            }
        }
    }

    private List<Message> receive(String dlqUrl, int count) {
        return sqs.receiveMessage(r -> r.queueUrl(dlqUrl).maxNumberOfMessages(count)
                .visibilityTimeout(HOLD_SECONDS).waitTimeSeconds(0).messageAttributeNames("All")
                .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                .join().messages();
    }

    private void release(String dlqUrl, List<Message> messages) {
        for (Message message : messages) {
            sqs.changeMessageVisibility(r -> r.queueUrl(dlqUrl).receiptHandle(message.receiptHandle())
                    .visibilityTimeout(0)).join();
        }
    }

    private long depth(String queueUrl) {
        return Long.parseLong(sqs.getQueueAttributes(r -> r.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).join().attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
    }

    private String url(String queue) {
        return sqs.getQueueUrl(r -> r.queueName(queue)).join().queueUrl();
    }

    private static boolean selected(Message message, Set<String> bookingIds) {
        return bookingIds.isEmpty() || bookingIds.contains(attribute(message, MessageAttributes.SUBJECT).orElse(""));
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
