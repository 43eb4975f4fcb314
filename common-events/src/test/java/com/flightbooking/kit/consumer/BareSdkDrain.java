package com.flightbooking.kit.consumer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * Bare async SDK calls: {@code loops} concurrent chains of ReceiveMessage (10, with the attributes the kit asks for)
 * and DeleteMessageBatch of what came back, no thread blocked. What the emulator and the SDK allow without a kit.
 */
final class BareSdkDrain implements QueueDrain {

    private final SqsAsyncClient sqs;
    private final int loops;

    BareSdkDrain(SqsAsyncClient sqs, int loops) {
        this.sqs = sqs;
        this.loops = loops;
    }

    @Override
    public String name() {
        return "bare SDK (" + loops + " loops)";
    }

    @Override
    public AutoCloseable drain(String queueName, String queueUrl, int messages) {
        AtomicInteger deleted = new AtomicInteger();
        List<CompletableFuture<Void>> chains = new ArrayList<>();
        for (int i = 0; i < loops; i++) {
            chains.add(loop(queueUrl, messages, deleted));
        }
        CompletableFuture.allOf(chains.toArray(CompletableFuture[]::new)).join();
        return () -> {
        };
    }

    private CompletableFuture<Void> loop(String queueUrl, int messages, AtomicInteger deleted) {
        if (deleted.get() >= messages) {
            return CompletableFuture.completedFuture(null);
        }
        return sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)
                .messageAttributeNames("All")
                .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT,
                        MessageSystemAttributeName.SENT_TIMESTAMP))
                .thenCompose(response -> delete(queueUrl, response))
                .thenCompose(count -> {
                    deleted.addAndGet(count);
                    return loop(queueUrl, messages, deleted);
                });
    }

    private CompletableFuture<Integer> delete(String queueUrl, ReceiveMessageResponse response) {
        if (response.messages().isEmpty()) {
            return CompletableFuture.completedFuture(0);
        }
        List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < response.messages().size(); i++) {
            entries.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i))
                    .receiptHandle(response.messages().get(i).receiptHandle()).build());
        }
        return sqs.deleteMessageBatch(r -> r.queueUrl(queueUrl).entries(entries)).thenApply(ignored -> entries.size());
    }
}
