package com.flightbooking.kit.consumer;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequest;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchResponse;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlResponse;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;

/**
 * The calls a consumer makes, passed on to a real SQS; counts the receives (and how many were in flight at once) and
 * the delete batches.
 */
final class ReceiveCountingSqs implements SqsAsyncClient {

    private final SqsAsyncClient sqs;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();
    private final AtomicInteger receives = new AtomicInteger();
    private final AtomicInteger deleteBatches = new AtomicInteger();

    ReceiveCountingSqs(SqsAsyncClient sqs) {
        this.sqs = sqs;
    }

    /** The most receives in flight at once since the last call. */
    int mostReceivesInFlightSinceLastAsked() {
        return mostInFlight.getAndSet(inFlight.get());
    }

    int receives() {
        return receives.get();
    }

    int deleteBatches() {
        return deleteBatches.get();
    }

    @Override
    public CompletableFuture<ReceiveMessageResponse> receiveMessage(ReceiveMessageRequest request) {
        receives.incrementAndGet();
        mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        return sqs.receiveMessage(request).whenComplete((response, failure) -> inFlight.decrementAndGet());
    }

    @Override
    public CompletableFuture<GetQueueUrlResponse> getQueueUrl(GetQueueUrlRequest request) {
        return sqs.getQueueUrl(request);
    }

    @Override
    public CompletableFuture<DeleteMessageBatchResponse> deleteMessageBatch(DeleteMessageBatchRequest request) {
        deleteBatches.incrementAndGet();
        return sqs.deleteMessageBatch(request);
    }

    @Override
    public CompletableFuture<ChangeMessageVisibilityBatchResponse> changeMessageVisibilityBatch(
            ChangeMessageVisibilityBatchRequest request) {
        return sqs.changeMessageVisibilityBatch(request);
    }

    @Override
    public CompletableFuture<SendMessageResponse> sendMessage(SendMessageRequest request) {
        return sqs.sendMessage(request);
    }

    @Override
    public String serviceName() {
        return sqs.serviceName();
    }

    @Override
    public void close() {
    }
}
