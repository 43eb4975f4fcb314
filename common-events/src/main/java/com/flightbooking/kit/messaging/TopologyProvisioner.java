package com.flightbooking.kit.messaging;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.Config;

import com.flightbooking.kit.consumer.RetrySchedule;
import com.flightbooking.kit.consumer.RoleFilter;
import com.flightbooking.kit.consumer.filter.FilterPolicy;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import software.amazon.awssdk.services.sns.SnsAsyncClient;
import software.amazon.awssdk.services.sns.model.CreateTopicResponse;
import software.amazon.awssdk.services.sns.model.ListSubscriptionsByTopicResponse;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Creates the topic, one queue and dead-letter queue per role, and raw-delivery subscriptions, when provisioning is
 * enabled. Every call is idempotent, so any number of processes may run it concurrently. It runs before the messaging
 * connectors start so that they find their queues. The queue settings are compared on every start and those that
 * differ applied, so a changed setting (visibility timeout, delay, redrive policy) reaches a queue that already
 * exists, and a start against a topology that already matches only reads it.
 */
@Singleton
public class TopologyProvisioner {

    /** The longest delay SQS allows on a queue (DelaySeconds 900). */
    static final Duration MAX_QUEUE_DELAY = Duration.ofMinutes(15);

    private static final String RAW_DELIVERY = "RawMessageDelivery";
    private static final String FILTER_POLICY = "FilterPolicy";
    private static final String FILTER_POLICY_SCOPE = "FilterPolicyScope";
    private static final String NO_FILTER = "{}";
    private static final String ATTRIBUTES_SCOPE = FilterPolicy.Scope.MESSAGE_ATTRIBUTES.awsName();

    private final MessagingConfig config;
    private final SnsAsyncClient sns;
    private final SqsAsyncClient sqs;
    private final TopicArn topicArn;
    // The roles' channels (mp.messaging.incoming.<role>.*): their filters and retry schedules shape their queues.
    private final Config channels;

    TopologyProvisioner(MessagingConfig config, SnsAsyncClient sns, SqsAsyncClient sqs, TopicArn topicArn,
            Config channels) {
        this.config = config;
        this.sns = sns;
        this.sqs = sqs;
        this.topicArn = topicArn;
        this.channels = channels;
    }

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        // Checked even with provisioning off, so a bad value fails every start rather than the first provisioned one.
        Map<String, Long> delays = queueDelaySeconds(config.provisioning());
        if (!config.provisioning().enabled()) {
            return;
        }
        String topic = MessagingNames.topic(config);
        CreateTopicResponse created = sns.createTopic(r -> r.name(topic)).join();
        topicArn.provisioned(created.topicArn());
        Map<String, String> subscriptions = subscriptionsByEndpoint(created.topicArn());
        // The roles are independent of each other: provisioned at once, a start waits for the slowest role's round
        // trips rather than for the sum of all of them.
        List<String> roles = config.roles().orElse(List.of());
        CompletableFuture.allOf(roles.stream()
                .map(role -> provisionRole(created.topicArn(), role, delays.getOrDefault(role, 0L), subscriptions))
                .toArray(CompletableFuture[]::new)).join();
        Log.infof("Messaging topology ready: topic %s, roles %s", topic, roles);
    }

    private CompletableFuture<Void> provisionRole(String topicArn, String role, long delaySeconds,
            Map<String, String> subscriptions) {
        MessagingConfig.Provisioning settings = config.provisioning();
        // The role's own delivery limit, as its consumer computes it: a retry window must not end at the redrive.
        long maxReceiveCount = RetrySchedule.ofRole(channels, role, settings.maxReceiveCount()).maxReceiveCount();
        Optional<RoleFilter> filter = settings.applyFiltersToSubscriptions() ? roleFilter(role) : Optional.empty();
        return ensureQueue(MessagingNames.deadLetterQueue(config, role), dlqArn -> Map.of(
                QueueAttributeName.MESSAGE_RETENTION_PERIOD,
                Long.toString(Math.min(settings.dlqRetention().toSeconds(), 1_209_600L))))
                // DelaySeconds is always set, 0 for roles without a delay, so that removing a role's delay takes
                // effect too. Real SNS needs the queue's permission to deliver; emulators accept it and ignore it.
                .thenCompose(dlqArn -> ensureQueue(MessagingNames.queue(config, role), queueArn -> Map.of(
                        QueueAttributeName.VISIBILITY_TIMEOUT, Long.toString(settings.visibilityTimeout().toSeconds()),
                        QueueAttributeName.DELAY_SECONDS, Long.toString(delaySeconds),
                        QueueAttributeName.REDRIVE_POLICY,
                        "{\"deadLetterTargetArn\":\"%s\",\"maxReceiveCount\":\"%d\"}".formatted(dlqArn,
                                maxReceiveCount),
                        QueueAttributeName.POLICY, allowTopicToSend(queueArn, topicArn))))
                .thenCompose(queueArn -> subscribe(topicArn, queueArn, subscriptions.get(queueArn), filter));
    }

    /**
     * The topic's subscriptions by endpoint, read once per start: Subscribe is idempotent only for identical
     * attributes, so a subscription given a filter policy on an earlier start must be found, not subscribed again.
     */
    private Map<String, String> subscriptionsByEndpoint(String topicArn) {
        Map<String, String> byEndpoint = new HashMap<>();
        String nextToken = null;
        do {
            String page = nextToken;
            ListSubscriptionsByTopicResponse subscriptions = sns
                    .listSubscriptionsByTopic(r -> r.topicArn(topicArn).nextToken(page)).join();
            subscriptions.subscriptions().forEach(s -> byEndpoint.put(s.endpoint(), s.subscriptionArn()));
            nextToken = subscriptions.nextToken();
        } while (nextToken != null);
        return byEndpoint;
    }

    /**
     * Subscribes the queue with raw delivery and the role's filter, or brings an existing subscription's filter to
     * what is configured, touching only what differs. No filter is the empty policy in the attributes scope, which
     * also removes a policy applied before, so that switching filters off delivers everything again.
     */
    private CompletableFuture<Void> subscribe(String topicArn, String queueArn, String existingArn,
            Optional<RoleFilter> filter) {
        Map<String, String> wanted = Map.of(
                RAW_DELIVERY, "true",
                FILTER_POLICY, filter.map(f -> f.policy().json()).orElse(NO_FILTER),
                FILTER_POLICY_SCOPE, filter.map(f -> f.policy().scope().awsName()).orElse(ATTRIBUTES_SCOPE));
        if (existingArn == null) {
            return sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(queueArn)
                    .returnSubscriptionArn(true).attributes(filter.isPresent() ? wanted : Map.of(RAW_DELIVERY, "true")))
                    .thenApply(subscribed -> null);
        }
        return sns.getSubscriptionAttributes(r -> r.subscriptionArn(existingArn)).thenCompose(existing -> {
            Map<String, String> current = new HashMap<>(Map.of(FILTER_POLICY, NO_FILTER, FILTER_POLICY_SCOPE,
                    ATTRIBUTES_SCOPE));
            current.putAll(existing.attributes());
            // SetSubscriptionAttributes takes one attribute per call.
            CompletableFuture<Void> updates = CompletableFuture.completedFuture(null);
            for (Map.Entry<String, String> attribute : wanted.entrySet()) {
                if (!attribute.getValue().equals(current.get(attribute.getKey()))) {
                    updates = updates.thenCompose(done -> sns.setSubscriptionAttributes(r -> r
                            .subscriptionArn(existingArn).attributeName(attribute.getKey())
                            .attributeValue(attribute.getValue())).thenApply(set -> null));
                }
            }
            return updates;
        });
    }

    /**
     * The configured queue delays in seconds, by role. SQS takes whole seconds up to 15 minutes; anything else is a
     * configuration error, reported with the key to fix.
     */
    static Map<String, Long> queueDelaySeconds(MessagingConfig.Provisioning settings) {
        Map<String, Long> seconds = new HashMap<>();
        settings.queueDelay().forEach((role, delay) -> {
            String key = "flights.messaging.provisioning.queue-delay.\"" + role + "\"";
            if (delay.isNegative() || delay.compareTo(MAX_QUEUE_DELAY) > 0) {
                throw new IllegalArgumentException(key + " is " + delay + ": SQS delays a queue's messages by 0 to "
                        + MAX_QUEUE_DELAY.toMinutes() + " minutes");
            }
            if (delay.getNano() != 0) {
                throw new IllegalArgumentException(key + " is " + delay + ": SQS delays by whole seconds");
            }
            seconds.put(role, delay.toSeconds());
        });
        return seconds;
    }

    /** The filter the role's consumer applies, so that SNS can apply it before delivery. */
    private Optional<RoleFilter> roleFilter(String role) {
        String prefix = "mp.messaging.incoming." + role + ".";
        return RoleFilter.forRole(role, channels.getOptionalValue(prefix + RoleFilter.POLICY_KEY, String.class),
                channels.getOptionalValue(prefix + RoleFilter.SCOPE_KEY, String.class));
    }

    /**
     * Creates the queue if it is missing and brings the attributes that differ to what is wanted (given the queue's
     * ARN), applied separately so that a changed setting reaches an existing queue instead of failing CreateQueue.
     * A queue that already matches costs two reads, no write. Completes with the queue's ARN.
     */
    private CompletableFuture<String> ensureQueue(String name,
            Function<String, Map<QueueAttributeName, String>> wanted) {
        return sqs.createQueue(r -> r.queueName(name)).thenCompose(created -> sqs
                .getQueueAttributes(r -> r.queueUrl(created.queueUrl()).attributeNames(QueueAttributeName.ALL))
                .thenCompose(current -> {
                    String arn = current.attributes().get(QueueAttributeName.QUEUE_ARN);
                    Map<QueueAttributeName, String> differing = new HashMap<>(wanted.apply(arn));
                    differing.entrySet().removeIf(a -> a.getValue().equals(current.attributes().get(a.getKey())));
                    if (differing.isEmpty()) {
                        return CompletableFuture.completedFuture(arn);
                    }
                    return sqs.setQueueAttributes(r -> r.queueUrl(created.queueUrl()).attributes(differing))
                            .thenApply(set -> arn);
                }));
    }

    private static String allowTopicToSend(String queueArn, String topicArn) {
        return """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"sns.amazonaws.com"},\
                "Action":"sqs:SendMessage","Resource":"%s","Condition":{"ArnEquals":{"aws:SourceArn":"%s"}}}]}"""
                .formatted(queueArn, topicArn);
    }
}
