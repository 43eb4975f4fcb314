package com.flightbooking.kit.consumer;

import static com.flightbooking.kit.consumer.Deliveries.delivery;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.flightbooking.events.testing.CapturedLogs;

import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;

/** How visibility changes reach SQS: batches of at most ten, and a refusal never fails the caller. */
class VisibilityChangesTest {

    private static final String QUEUE_URL = RecordingSqs.URL_PREFIX + "kit-queue";

    private final RecordingSqs sqs = new RecordingSqs();
    private final VisibilityChanges visibility = new VisibilityChanges(Deliveries.ROLE, sqs, QUEUE_URL);

    @Test
    void twentyThreeMessagesGoOutInThreeBatchesOfAtMostTen() {
        List<SqsDelivery> deliveries = IntStream.range(0, 23).mapToObj(Deliveries::delivery).toList();

        visibility.set(deliveries, 0).join();

        assertThat(sqs.visibilityChanges).extracting(r -> r.queueUrl()).containsOnly(QUEUE_URL);
        assertThat(sqs.visibilityChanges).extracting(r -> r.entries().size()).containsExactly(10, 10, 3);
        assertThat(sqs.visibilityChanges).allSatisfy(r -> assertThat(r.entries())
                .extracting(ChangeMessageVisibilityBatchRequestEntry::id).doesNotHaveDuplicates());
        assertThat(sqs.visibilityChanges.stream().flatMap(r -> r.entries().stream()))
                .allSatisfy(e -> assertThat(e.visibilityTimeout()).isZero())
                .extracting(ChangeMessageVisibilityBatchRequestEntry::receiptHandle)
                .containsExactlyElementsOf(deliveries.stream().map(SqsDelivery::receiptHandle).toList());
    }

    @Test
    void nothingToChangeMakesNoCall() {
        visibility.set(List.of(), 30).join();

        assertThat(sqs.visibilityChanges).isEmpty();
    }

    @Test
    void aRefusedChangeIsLoggedAndTheCallerStillCompletes() {
        sqs.failingVisibilityChanges(new IllegalStateException("throttled"));
        try (CapturedLogs logs = CapturedLogs.start()) {

            visibility.set(List.of(delivery(1), delivery(2), delivery(3)), 30).join();

            assertThat(logs.lines()).extracting(CapturedLogs.Line::message)
                    .contains("Role kit-test: changing visibility of 3 messages failed: throttled");
        }
    }
}
