package com.flightbooking.kit.health;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import com.flightbooking.kit.messaging.TopicArn;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import software.amazon.awssdk.services.sns.SnsAsyncClient;

/**
 * Ready only while the topic the outbox relay publishes to answers {@code GetTopicAttributes}: the endpoint is
 * reachable, the credentials are accepted and the topic exists. Data: {@code topic} (its ARN), {@code error} when
 * DOWN.
 */
@Readiness
@ApplicationScoped
public class SnsTopicHealthCheck implements AsyncHealthCheck {

    public static final String NAME = "SNS topic";

    private final SnsAsyncClient sns;
    private final TopicArn topicArn;
    private final Duration timeout;

    SnsTopicHealthCheck(SnsAsyncClient sns, TopicArn topicArn,
            @ConfigProperty(name = "flights.health.timeout", defaultValue = "2s") Duration timeout) {
        this.sns = sns;
        this.topicArn = topicArn;
        this.timeout = timeout;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named(NAME);
        String arn;
        try {
            arn = topicArn.get();
        } catch (IllegalStateException e) {
            return Uni.createFrom().item(builder.down().withData("error", e.getMessage()).build());
        }
        builder.withData("topic", arn);
        return DependencyCheck.run(builder, timeout, () -> sns.getTopicAttributes(r -> r.topicArn(arn)
                .overrideConfiguration(o -> o.apiCallTimeout(timeout))));
    }
}
