package com.flightbooking.events.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.flightbooking.events.local.LocalFauxqs;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsAsyncClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Queue delays: provisioned per role, changed on an existing queue, and honoured for what the topic delivers; role
 * filters applied to the subscriptions when asked to.
 */
class TopologyProvisionerTest {

    private static LocalFauxqs fauxqs;
    private static SnsAsyncClient sns;
    private static SqsAsyncClient sqs;

    private final String suffix = "-" + UUID.randomUUID().toString().substring(0, 8);

    record Settings(boolean enabled, int maxReceiveCount, Duration visibilityTimeout,
            boolean applyFiltersToSubscriptions, Duration dlqRetention, Map<String, Duration> queueDelay)
            implements MessagingConfig.Provisioning {
    }

    record Config(String topic, Optional<String> topicArn, Optional<String> nameSuffix,
            Optional<List<String>> roles, MessagingConfig.Provisioning provisioning) implements MessagingConfig {
    }

    @BeforeAll
    static void startEmulator() {
        fauxqs = LocalFauxqs.start(0, line -> {
        });
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        sns = SnsAsyncClient.builder().endpointOverride(URI.create(fauxqs.endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(credentials).build();
        sqs = SqsAsyncClient.builder().endpointOverride(URI.create(fauxqs.endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(credentials).build();
    }

    @AfterAll
    static void stopEmulator() {
        sns.close();
        sqs.close();
        fauxqs.close();
    }

    @Test
    void aRoleGetsItsDelayAndAChangedOrRemovedDelayReachesTheExistingQueue() {
        provision(Map.of("slow", Duration.ofSeconds(3)));
        assertThat(delaySeconds("slow")).isEqualTo("3");
        assertThat(delaySeconds("plain")).isEqualTo("0");

        provision(Map.of("slow", Duration.ofMinutes(15)));
        assertThat(delaySeconds("slow")).isEqualTo("900");

        provision(Map.of());
        assertThat(delaySeconds("slow")).isEqualTo("0");
    }

    @Test
    void whatTheTopicDeliversToADelayQueueIsHeldForTheDelay() {
        TopicArn topicArn = provision(Map.of("slow", Duration.ofSeconds(3)));
        String slow = url("slow");
        String plain = url("plain");

        sns.publish(r -> r.topicArn(topicArn.get()).message("{\"hello\":\"later\"}")).join();

        assertThat(receive(plain)).hasSize(1);
        // Asked for from the publish on, so the first receive is when the queue let it go: by the message's own
        // timestamps, not by how long this machine took.
        Message held = await().atMost(Duration.ofSeconds(30)).until(() -> receive(slow), m -> m.size() == 1).get(0);
        long sent = Long.parseLong(held.attributes().get(MessageSystemAttributeName.SENT_TIMESTAMP));
        long firstReceived = Long.parseLong(
                held.attributes().get(MessageSystemAttributeName.APPROXIMATE_FIRST_RECEIVE_TIMESTAMP));
        assertThat(Duration.ofMillis(firstReceived - sent)).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void withFiltersOnSubscriptionsARoleQueueReceivesOnlyItsEventTypes() {
        String wanted = "com.flightbooking.booking.requested.v1";
        Settings filtersOn = new Settings(true, 5, Duration.ofSeconds(30), true, Duration.ofDays(14), Map.of());
        TopicArn topicArn = withConfig(Map.of("mp.messaging.incoming.slow.filter",
                "{\"ce_type\": [\"" + wanted + "\"]}"), () -> provision(filtersOn));
        String filtered = url("slow");
        String unfiltered = url("plain");

        publish(topicArn, "com.flightbooking.payment.charged.v1", "{\"wanted\":false}");
        publish(topicArn, wanted, "{\"wanted\":true}");

        // Both reached the queue without a filter: SNS has handled both publishes.
        assertThat(receiveAll(unfiltered, 2)).extracting(Message::body)
                .containsExactlyInAnyOrder("{\"wanted\":false}", "{\"wanted\":true}");
        assertThat(receiveAll(filtered, 1)).extracting(Message::body).containsExactly("{\"wanted\":true}");
        assertThat(sqs.getQueueAttributes(r -> r.queueUrl(filtered).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).join().attributes())
                .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0")
                .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED, "0");
    }

    @Test
    void aDelaySqsCannotHonourIsAConfigurationErrorNamingTheKey() {
        assertThat(TopologyProvisioner.queueDelaySeconds(settings(Map.of("a", Duration.ofMinutes(5), "b",
                Duration.ZERO)))).containsEntry("a", 300L).containsEntry("b", 0L);
        assertThatThrownBy(() -> TopologyProvisioner.queueDelaySeconds(settings(Map.of("a", Duration.ofMinutes(16)))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("flights.messaging.provisioning.queue-delay.\"a\" is PT16M");
        assertThatThrownBy(() -> TopologyProvisioner.queueDelaySeconds(settings(Map.of("a", Duration.ofSeconds(-1)))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TopologyProvisioner.queueDelaySeconds(settings(Map.of("a", Duration.ofMillis(1_500)))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whole seconds");
    }

    private TopicArn provision(Map<String, Duration> delays) {
        return provision(settings(delays));
    }

    private TopicArn provision(Settings settings) {
        Config config = new Config("provisioner-test", Optional.empty(), Optional.of(suffix),
                Optional.of(List.of("slow", "plain")), settings);
        TopicArn topicArn = new TopicArn(config);
        new TopologyProvisioner(config, sns, sqs, topicArn).onStart(new StartupEvent());
        return topicArn;
    }

    private static Settings settings(Map<String, Duration> delays) {
        return new Settings(true, 5, Duration.ofSeconds(30), false, Duration.ofDays(14), delays);
    }

    private String url(String role) {
        return sqs.getQueueUrl(r -> r.queueName(role + suffix)).join().queueUrl();
    }

    private String delaySeconds(String role) {
        return sqs.getQueueAttributes(r -> r.queueUrl(url(role)).attributeNames(QueueAttributeName.DELAY_SECONDS))
                .join().attributes().get(QueueAttributeName.DELAY_SECONDS);
    }

    private static List<Message> receive(String queueUrl) {
        return sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(0)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).join().messages();
    }

    /** Receives until {@code count} messages came (each is then in flight, so none comes twice). */
    private static List<Message> receiveAll(String queueUrl, int count) {
        List<Message> received = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            received.addAll(receive(queueUrl));
            return received.size() >= count;
        });
        return received;
    }

    private static void publish(TopicArn topicArn, String type, String body) {
        sns.publish(r -> r.topicArn(topicArn.get()).message(body).messageAttributes(Map.of(MessageAttributes.TYPE,
                MessageAttributeValue.builder().dataType("String").stringValue(type).build()))).join();
    }

    /**
     * Runs {@code action} with this configuration as the one {@code ConfigProvider} gives, as the provisioner reads a
     * role's filter from there; the configuration before is restored (rebuilt on next use) after.
     */
    private static <T> T withConfig(Map<String, String> properties, Supplier<T> action) {
        ConfigProviderResolver resolver = ConfigProviderResolver.instance();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        resolver.releaseConfig(resolver.getConfig(loader));
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder();
        properties.forEach(builder::withDefaultValue);
        SmallRyeConfig config = builder.build();
        resolver.registerConfig(config, loader);
        try {
            return action.get();
        } finally {
            resolver.releaseConfig(config);
        }
    }
}
