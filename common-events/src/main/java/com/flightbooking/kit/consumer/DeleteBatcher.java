package com.flightbooking.kit.consumer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.quarkus.logging.Log;
import io.vertx.core.Context;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;

/**
 * Acknowledges (deletes) messages ten at a time with {@code DeleteMessageBatch}, and never holds one longer than the
 * flush interval. Confined to its consumer's Vert.x context. A lost delete only means a redelivery, which idempotent
 * handlers absorb.
 */
final class DeleteBatcher {

    private static final int SQS_BATCH = 10;

    private final SqsAsyncClient sqs;
    private final Context context;
    private final String queueUrl;
    private final long flushIntervalMillis;
    private final List<String> pending = new ArrayList<>();
    private long timer = -1;

    DeleteBatcher(SqsAsyncClient sqs, Context context, String queueUrl, long flushIntervalMillis) {
        this.sqs = sqs;
        this.context = context;
        this.queueUrl = queueUrl;
        this.flushIntervalMillis = flushIntervalMillis;
    }

    void add(String receiptHandle) {
        pending.add(receiptHandle);
        if (pending.size() >= SQS_BATCH) {
            flush();
        } else if (timer < 0) {
            timer = context.owner().setTimer(flushIntervalMillis, id -> {
                timer = -1;
                flush();
            });
        }
    }

    /** Sends everything pending; completes when SQS has answered for all of it. */
    CompletionStage<Void> flush() {
        if (timer >= 0) {
            context.owner().cancelTimer(timer);
            timer = -1;
        }
        List<CompletableFuture<?>> calls = new ArrayList<>();
        while (!pending.isEmpty()) {
            List<String> batch = new ArrayList<>(pending.subList(0, Math.min(SQS_BATCH, pending.size())));
            pending.subList(0, batch.size()).clear();
            calls.add(delete(batch));
        }
        return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new));
    }

    private CompletableFuture<Void> delete(List<String> receiptHandles) {
        List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < receiptHandles.size(); i++) {
            entries.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i))
                    .receiptHandle(receiptHandles.get(i)).build());
        }
        return sqs.deleteMessageBatch(r -> r.queueUrl(queueUrl).entries(entries))
                .handle((response, failure) -> {
                    if (failure != null) {
                        Log.warnf("Deleting %d messages from %s failed; they will be redelivered: %s",
                                receiptHandles.size(), queueUrl, failure.getMessage());
                    } else if (response.hasFailed() && !response.failed().isEmpty()) {
                        Log.warnf("%d deletes refused by %s; those messages will be redelivered: %s",
                                response.failed().size(), queueUrl, response.failed().get(0).message());
                    }
                    return null;
                });
    }
}
