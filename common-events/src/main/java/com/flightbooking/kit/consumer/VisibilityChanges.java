package com.flightbooking.kit.consumer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.quarkus.logging.Log;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;

/**
 * Sets when held messages of one queue become visible again, ten per {@code ChangeMessageVisibilityBatch}. A refused
 * change is only logged: the message then comes back when its current visibility runs out, which idempotent
 * handlers absorb, so no caller has to handle it.
 */
final class VisibilityChanges {

    private static final int SQS_BATCH = 10;

    private final String role;
    private final SqsAsyncClient sqs;
    private final String queueUrl;

    VisibilityChanges(String role, SqsAsyncClient sqs, String queueUrl) {
        this.role = role;
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    /** Completes (never exceptionally) when SQS has answered for every message. */
    CompletableFuture<Void> set(Collection<SqsDelivery> deliveries, int seconds) {
        List<SqsDelivery> all = new ArrayList<>(deliveries);
        List<CompletableFuture<?>> calls = new ArrayList<>();
        for (int from = 0; from < all.size(); from += SQS_BATCH) {
            List<SqsDelivery> batch = all.subList(from, Math.min(all.size(), from + SQS_BATCH));
            List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                entries.add(ChangeMessageVisibilityBatchRequestEntry.builder().id(Integer.toString(i))
                        .receiptHandle(batch.get(i).receiptHandle()).visibilityTimeout(seconds).build());
            }
            calls.add(sqs.changeMessageVisibilityBatch(r -> r.queueUrl(queueUrl).entries(entries))
                    .whenComplete((response, failure) -> {
                        if (failure != null) {
                            Log.warnf("Role %s: changing visibility of %d messages failed: %s", role,
                                    entries.size(), failure.getMessage());
                        }
                    }));
        }
        return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).exceptionally(failure -> null);
    }
}
