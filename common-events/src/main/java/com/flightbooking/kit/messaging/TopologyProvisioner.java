package com.flightbooking.kit.messaging;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
 * connectors start so that they find their queues. The queue settings are applied on every start, so a changed
 * setting (visibility timeout, delay, redrive policy) reaches a queue that already exists.
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
        for (String role : config.roles().orElse(List.of())) {
            provisionRole(created.topicArn(), role, delays.getOrDefault(role, 0L), subscriptions);
        }
        Log.infof("Messaging topology ready: topic %s, roles %s", topic, config.roles().orElse(List.of()));
    }

    private void provisionRole(String topicArn, String role, long delaySeconds, Map<String, String> subscriptions) {
        MessagingConfig.Provisioning settings = config.provisioning();
        String dlqUrl = createQueue(MessagingNames.deadLetterQueue(config, role), Map.of(
                QueueAttributeName.MESSAGE_RETENTION_PERIOD,
                Long.toString(Math.min(settings.dlqRetention().toSeconds(), 1_209_600L))));
        String dlqArn = queueArn(dlqUrl);
        // The role's own delivery limit, as its consumer computes it: a retry window must not end at the redrive.
        String redrivePolicy = "{\"deadLetterTargetArn\":\"%s\",\"maxReceiveCount\":\"%d\"}"
                .formatted(dlqArn, RetrySchedule.ofRole(channels, role, settings.maxReceiveCount()).maxReceiveCount());
        // DelaySeconds is always set, 0 for roles without a delay, so that removing a role's delay takes effect too.
        String queueUrl = createQueue(MessagingNames.queue(config, role), Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, Long.toString(settings.visibilityTimeout().toSeconds()),
                QueueAttributeName.DELAY_SECONDS, Long.toString(delaySeconds),
                QueueAttributeName.REDRIVE_POLICY, redrivePolicy));
        String queueArn = queueArn(queueUrl);
        // Real SNS needs the queue's permission to deliver; emulators accept it and ignore it.
        sqs.setQueueAttributes(r -> r.queueUrl(queueUrl).attributes(Map.of(
                QueueAttributeName.POLICY, allowTopicToSend(queueArn, topicArn)))).join();
        Optional<RoleFilter> filter = settings.applyFiltersToSubscriptions() ? roleFilter(role) : Optional.empty();
        subscribe(topicArn, queueArn, subscriptions.get(queueArn), filter);
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
    private void subscribe(String topicArn, String queueArn, String existingArn, Optional<RoleFilter> filter) {
        Map<String, String> wanted = Map.of(
                RAW_DELIVERY, "true",
                FILTER_POLICY, filter.map(f -> f.policy().json()).orElse(NO_FILTER),
                FILTER_POLICY_SCOPE, filter.map(f -> f.policy().scope().awsName()).orElse(ATTRIBUTES_SCOPE));
        if (existingArn == null) {
            sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(queueArn).returnSubscriptionArn(true)
                    .attributes(filter.isPresent() ? wanted : Map.of(RAW_DELIVERY, "true"))).join();
            return;
        }
        Map<String, String> current = new HashMap<>(Map.of(FILTER_POLICY, NO_FILTER, FILTER_POLICY_SCOPE,
                ATTRIBUTES_SCOPE));
        current.putAll(sns.getSubscriptionAttributes(r -> r.subscriptionArn(existingArn)).join().attributes());
        wanted.forEach((name, value) -> {
            if (!value.equals(current.get(name))) {
                sns.setSubscriptionAttributes(r -> r.subscriptionArn(existingArn).attributeName(name)
                        .attributeValue(value)).join();
            }
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

    private String createQueue(String name, Map<QueueAttributeName, String> attributes) {
        String url = sqs.createQueue(r -> r.queueName(name)).join().queueUrl();
        // Applied separately so that a changed setting reaches an existing queue instead of failing CreateQueue.
        sqs.setQueueAttributes(r -> r.queueUrl(url).attributes(attributes)).join();
        return url;
    }

    private String queueArn(String queueUrl) {
        return sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .join().attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    private static String allowTopicToSend(String queueArn, String topicArn) {
        return """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"sns.amazonaws.com"},\
                "Action":"sqs:SendMessage","Resource":"%s","Condition":{"ArnEquals":{"aws:SourceArn":"%s"}}}]}"""
                .formatted(queueArn, topicArn);
    }
}
