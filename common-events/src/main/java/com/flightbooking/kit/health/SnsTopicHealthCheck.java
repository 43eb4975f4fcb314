package com.flightbooking.kit.health;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import com.flightbooking.kit.messaging.TopicArn;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.health.api.Wellness;
import io.smallrye.mutiny.Uni;
import software.amazon.awssdk.services.sns.SnsAsyncClient;

/**
 * UP while the topic the outbox relay publishes to answers {@code GetTopicAttributes}: the endpoint is reachable, the
 * credentials are accepted and the topic exists. Not a readiness check: without SNS the app keeps serving and its
 * events wait in the outbox, so the app is degraded, not unready ({@code /q/health} and {@code /q/health/well} say
 * DOWN, {@code /q/health/ready} does not). Data: {@code topic} (its ARN), {@code error} and {@code impact} when DOWN.
 */
@Wellness
@ApplicationScoped
public class SnsTopicHealthCheck implements AsyncHealthCheck {

    public static final String NAME = "SNS topic";
    static final String IMPACT = "degraded: requests are served, events wait in the outbox until SNS answers";

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
            return Uni.createFrom().item(DependencyCheck.down(builder, e.getMessage(), IMPACT));
        }
        builder.withData("topic", arn);
        return DependencyCheck.run(builder, timeout, IMPACT, () -> sns.getTopicAttributes(r -> r.topicArn(arn)
                .overrideConfiguration(o -> o.apiCallTimeout(timeout))));
    }
}
