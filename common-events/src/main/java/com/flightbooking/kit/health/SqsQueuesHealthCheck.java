package com.flightbooking.kit.health;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import com.flightbooking.kit.messaging.MessagingConfig;
import com.flightbooking.kit.messaging.MessagingNames;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.health.api.Wellness;
import io.smallrye.mutiny.Uni;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * UP while SQS resolves the queue of every role this process runs ({@code GetQueueUrl}, in parallel): the endpoint is
 * reachable, the credentials are accepted and the queues exist. A process without roles checks that SQS answers at
 * all ({@code ListQueues}, one result). Data: {@code queues} (the names checked), {@code error} and {@code impact}
 * when DOWN. Not a readiness check: whether a role can work is the consumer kit's per-role readiness (which an app
 * that keeps serving without its queues, booking-api, leaves out of its readiness); this one asks SQS now, for
 * whoever reads {@code /q/health}.
 */
@Wellness
@ApplicationScoped
public class SqsQueuesHealthCheck implements AsyncHealthCheck {

    public static final String NAME = "SQS queues";
    static final String IMPACT = "degraded: no event is received until SQS answers; they wait in their queues";

    private final SqsAsyncClient sqs;
    private final List<String> queues;
    private final Duration timeout;

    SqsQueuesHealthCheck(SqsAsyncClient sqs, MessagingConfig messaging,
            @ConfigProperty(name = "flights.health.timeout", defaultValue = "2s") Duration timeout) {
        this.sqs = sqs;
        this.queues = messaging.roles().orElse(List.of()).stream()
                .map(role -> MessagingNames.queue(messaging, role)).toList();
        this.timeout = timeout;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named(NAME);
        if (queues.isEmpty()) {
            builder.withData("queues", "none (ListQueues)");
            return DependencyCheck.run(builder, timeout, IMPACT, () -> sqs.listQueues(r -> r.maxResults(1)
                    .overrideConfiguration(o -> o.apiCallTimeout(timeout))));
        }
        builder.withData("queues", String.join(",", queues));
        return DependencyCheck.run(builder, timeout, IMPACT, this::resolveAll);
    }

    /** Completes when every queue resolved; else fails naming each queue that did not, with its reason. */
    private CompletableFuture<Void> resolveAll() {
        List<CompletableFuture<String>> failures = queues.stream()
                .map(queue -> sqs.getQueueUrl(r -> r.queueName(queue)
                        .overrideConfiguration(o -> o.apiCallTimeout(timeout)))
                        .handle((answer, failure) -> failure == null ? null
                                : queue + ": " + DependencyCheck.reason(failure)))
                .toList();
        return CompletableFuture.allOf(failures.toArray(CompletableFuture[]::new)).thenApply(all -> {
            List<String> failed = failures.stream().map(CompletableFuture::join).filter(Objects::nonNull).toList();
            if (!failed.isEmpty()) {
                throw new IllegalStateException(String.join("; ", failed));
            }
            return null;
        });
    }
}
