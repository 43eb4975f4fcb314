package com.flightbooking.kit.consumer;

import static com.flightbooking.kit.consumer.Deliveries.delivery;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.flightbooking.events.testing.CapturedLogs;
import com.flightbooking.kit.messaging.MessageAttributes;

import io.vertx.core.Context;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/** Where a message goes when it is dead-lettered, what it carries, and what happens when that cannot be done. */
class DeadLettererTest {

    private static final String QUEUE = "kit-queue";
    private static final Duration SOON = Duration.ofSeconds(5);
    private static final MessageAttributeValue TYPE = string("com.flightbooking.booking.requested.v1");

    @RegisterExtension
    static final EventLoops EVENT_LOOPS = new EventLoops();

    private final RecordingSqs sqs = new RecordingSqs();
    private final List<String> deadLettered = new CopyOnWriteArrayList<>();
    private final ConsumerObserver observer = new ConsumerObserver() {
        @Override
        public void deadLettered(String role) {
            deadLettered.add(role);
        }
    };
    private final CapturedLogs logs = CapturedLogs.start();
    private Context context;
    private DeadLetterer deadLetterer;

    @AfterEach
    void stopCapturing() {
        logs.close();
    }

    @Test
    void aDeadLetterCarriesItsReasonAndDeliveryCountBesideTheEventsOwnAttributes() {
        startWithDeadLetterQueue();

        deadLetter(delivery(1, 5, Map.of(MessageAttributes.TYPE, TYPE)), "failed 5 deliveries, last: partner down");

        SendMessageRequest sent = await().atMost(SOON).until(() -> sqs.sent, list -> !list.isEmpty()).get(0);
        assertThat(sent.queueUrl()).isEqualTo(RecordingSqs.URL_PREFIX + QUEUE + "-dlq");
        assertThat(sent.messageBody()).isEqualTo("{\"n\":1}");
        assertThat(sent.messageAttributes()).containsOnly(
                Map.entry(MessageAttributes.TYPE, TYPE),
                Map.entry(QueueConsumer.DEAD_LETTER_REASON, string("failed 5 deliveries, last: partner down")),
                Map.entry(QueueConsumer.DEAD_LETTER_RECEIVE_COUNT,
                        MessageAttributeValue.builder().dataType("Number").stringValue("5").build()));
        assertThat(logs.lines()).extracting(CapturedLogs.Line::message)
                .contains("Role kit-test: message m-1 goes to the dead-letter queue: "
                        + "failed 5 deliveries, last: partner down");
    }

    @Test
    void onceInTheDeadLetterQueueTheMessageIsAcknowledgedAndCounted() {
        startWithDeadLetterQueue();

        deadLetter(delivery(1), "poison: body is not JSON");

        await().atMost(SOON).until(() -> sqs.deletedReceiptHandles().contains("receipt-1"));
        assertThat(deadLettered).containsExactly(Deliveries.ROLE);
        assertThat(sqs.visibilityChanges).isEmpty();
    }

    @Test
    void aReasonLongerThanAThousandCharactersIsCut() {
        String reason = "permanent failure: " + "x".repeat(2_000);

        assertThat(DeadLetterer.attributes(delivery(1), reason).get(QueueConsumer.DEAD_LETTER_REASON).stringValue())
                .isEqualTo(reason.substring(0, 1_000));
    }

    @Test
    void withoutADeadLetterQueueTheMessageComesBackAfterTheBackoffUntilTheRedrivePolicyMovesIt() {
        start();

        deadLetter(delivery(1, 2, Map.of()), "permanent failure: card declined");

        ChangeMessageVisibilityBatchRequestEntry change = await().atMost(SOON)
                .until(() -> sqs.visibilityChanges, list -> !list.isEmpty()).get(0).entries().get(0);
        assertThat(change.receiptHandle()).isEqualTo("receipt-1");
        assertThat(change.visibilityTimeout()).as("the backoff after delivery 2 of 10 s doubling").isBetween(16, 24);
        assertThat(sqs.sent).isEmpty();
        assertThat(sqs.deletes).isEmpty();
        assertThat(logs.lines()).extracting(CapturedLogs.Line::message)
                .contains("Role kit-test: message m-1 should be dead-lettered (permanent failure: card declined) but "
                        + "kit-queue-dlq is missing; SQS redrive will move it");
    }

    @Test
    void whenSendingFailsTheMessageStaysUnacknowledgedAndComesBackAfterTheFirstBackoffStep() {
        sqs.failingSends(new IllegalStateException("throttled"));
        startWithDeadLetterQueue();

        deadLetter(delivery(1, 4, Map.of()), "failed 4 deliveries, last: partner down");

        ChangeMessageVisibilityBatchRequestEntry change = await().atMost(SOON)
                .until(() -> sqs.visibilityChanges, list -> !list.isEmpty()).get(0).entries().get(0);
        assertThat(change.visibilityTimeout()).as("the first backoff step: 10 s").isBetween(8, 12);
        assertThat(sqs.deletes).isEmpty();
        assertThat(deadLettered).isEmpty();
        assertThat(logs.lines()).extracting(CapturedLogs.Line::message)
                .contains("Role kit-test: dead-lettering message m-1 failed, it will be redelivered: throttled");
    }

    private void startWithDeadLetterQueue() {
        sqs.withQueue(QUEUE + "-dlq");
        start();
    }

    private void start() {
        context = EVENT_LOOPS.newContext();
        String queueUrl = RecordingSqs.URL_PREFIX + QUEUE;
        VisibilityChanges visibility = new VisibilityChanges(Deliveries.ROLE, sqs, queueUrl);
        DeleteBatcher deletes = new DeleteBatcher(sqs, context, queueUrl, 10);
        deadLetterer = new DeadLetterer(settings(), sqs, context, observer, visibility, deletes);
        deadLetterer.locateQueue().toCompletableFuture().join();
    }

    /** As the consumer does: on its context, for a delivery no handler saw. */
    private void deadLetter(SqsDelivery delivery, String reason) {
        context.runOnContext(v -> deadLetterer.deadLetter(delivery, reason, null));
    }

    private static ConsumerSettings settings() {
        return new ConsumerSettings(Deliveries.ROLE, QUEUE, true, 10, 1, 1, Duration.ofSeconds(30),
                Duration.ofMillis(10), Duration.ZERO,
                new RetrySchedule(new RetryBackoff(Duration.ofSeconds(10), Duration.ofMinutes(5)), 5),
                Duration.ofSeconds(20), ConsumerSettings.DEFAULT_HANDLER_TIMEOUT, EventFilter.ACCEPT_ALL);
    }

    private static MessageAttributeValue string(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
