package com.flightbooking.kit.consumer;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.flightbooking.kit.messaging.MessagingConfig;
import com.flightbooking.kit.messaging.MessagingNames;
import com.flightbooking.kit.schedule.FinishesBeforeShutdown;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import io.smallrye.mutiny.Uni;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * {@code flights.consumer.dlq.depth{role}}: the messages waiting in each of this process's roles' dead-letter queues
 * (SQS's {@code ApproximateNumberOfMessages}), read every {@code flights.consumer.dlq-depth.refresh-interval} so that
 * scrapes never call SQS. Nothing leaves a DLQ but a redrive, so anything above 0 is work someone has to look at.
 * Every replica running a role reports the same depth: aggregate with {@code max}. NaN until the first read; a read
 * that fails keeps the last value.
 */
@Startup
@ApplicationScoped
public class DeadLetterDepth {

    private final SqsAsyncClient sqs;
    private final Map<String, String> deadLetterQueueByRole = new ConcurrentHashMap<>();
    private final Map<String, Double> depthByRole = new ConcurrentHashMap<>();
    private volatile boolean lastRefreshFailed;

    DeadLetterDepth(SqsAsyncClient sqs, MessagingConfig messaging, MeterRegistry registry) {
        this.sqs = sqs;
        for (String role : messaging.roles().orElse(List.of())) {
            deadLetterQueueByRole.put(role, MessagingNames.deadLetterQueue(messaging, role));
            depthByRole.put(role, Double.NaN);
            Gauge.builder("flights.consumer.dlq.depth", depthByRole, depths -> depths.get(role)).tag("role", role)
                    .description("Messages in the role's dead-letter queue").register(registry);
        }
    }

    // Skipped while the previous reads still run: SQS is slow, do not pile up more.
    @FinishesBeforeShutdown
    @Scheduled(identity = "dlq-depth-refresh", every = "${flights.consumer.dlq-depth.refresh-interval}", concurrentExecution = ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        CompletableFuture<?>[] reads = deadLetterQueueByRole.entrySet().stream()
                .map(entry -> read(entry.getValue()).thenAccept(depth -> depthByRole.put(entry.getKey(), depth)))
                .toArray(CompletableFuture[]::new);
        return Uni.createFrom().completionStage(CompletableFuture.allOf(reads))
                .invoke(() -> lastRefreshFailed = false)
                .replaceWithVoid()
                .onFailure().recoverWithItem(failure -> {
                    if (!lastRefreshFailed) {
                        Log.warnf("Cannot read the dead-letter queues' depth, the gauges keep their last values: %s",
                                failure.getMessage());
                    }
                    lastRefreshFailed = true;
                    return null;
                });
    }

    private CompletableFuture<Double> read(String queue) {
        return sqs.getQueueUrl(r -> r.queueName(queue))
                .thenCompose(url -> sqs.getQueueAttributes(r -> r.queueUrl(url.queueUrl())
                        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)))
                .thenApply(answer -> Double.parseDouble(
                        answer.attributes().get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)));
    }
}
