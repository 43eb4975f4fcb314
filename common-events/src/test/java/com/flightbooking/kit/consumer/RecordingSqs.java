package com.flightbooking.kit.consumer;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequest;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchResponse;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlResponse;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;

/**
 * An SQS client without a network, for the consumer's strategies: it records the calls they make and answers as
 * told. Queues exist once {@link #withQueue added}; sends and visibility changes succeed until told to fail.
 */
final class RecordingSqs implements SqsAsyncClient {

    static final String URL_PREFIX = "https://sqs.test/000000000000/";

    final List<SendMessageRequest> sent = new CopyOnWriteArrayList<>();
    final List<ChangeMessageVisibilityBatchRequest> visibilityChanges = new CopyOnWriteArrayList<>();
    final List<DeleteMessageBatchRequest> deletes = new CopyOnWriteArrayList<>();
    private final Set<String> queues = ConcurrentHashMap.newKeySet();
    private volatile RuntimeException sendFailure;
    private volatile RuntimeException visibilityFailure;

    RecordingSqs withQueue(String name) {
        queues.add(name);
        return this;
    }

    RecordingSqs failingSends(RuntimeException failure) {
        sendFailure = failure;
        return this;
    }

    RecordingSqs failingVisibilityChanges(RuntimeException failure) {
        visibilityFailure = failure;
        return this;
    }

    /** The receipt handles of every delete sent so far. */
    List<String> deletedReceiptHandles() {
        return deletes.stream().flatMap(r -> r.entries().stream()).map(e -> e.receiptHandle()).toList();
    }

    @Override
    public CompletableFuture<GetQueueUrlResponse> getQueueUrl(GetQueueUrlRequest request) {
        if (!queues.contains(request.queueName())) {
            return CompletableFuture.failedFuture(QueueDoesNotExistException.builder()
                    .message("The specified queue does not exist").build());
        }
        return CompletableFuture.completedFuture(
                GetQueueUrlResponse.builder().queueUrl(URL_PREFIX + request.queueName()).build());
    }

    @Override
    public CompletableFuture<SendMessageResponse> sendMessage(SendMessageRequest request) {
        sent.add(request);
        return sendFailure != null ? CompletableFuture.failedFuture(sendFailure)
                : CompletableFuture.completedFuture(SendMessageResponse.builder().messageId("sent-" + sent.size())
                        .build());
    }

    @Override
    public CompletableFuture<ChangeMessageVisibilityBatchResponse> changeMessageVisibilityBatch(
            ChangeMessageVisibilityBatchRequest request) {
        visibilityChanges.add(request);
        return visibilityFailure != null ? CompletableFuture.failedFuture(visibilityFailure)
                : CompletableFuture.completedFuture(ChangeMessageVisibilityBatchResponse.builder().build());
    }

    @Override
    public CompletableFuture<DeleteMessageBatchResponse> deleteMessageBatch(DeleteMessageBatchRequest request) {
        deletes.add(request);
        return CompletableFuture.completedFuture(DeleteMessageBatchResponse.builder().build());
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
    }
}
