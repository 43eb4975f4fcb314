package com.flightbooking.kit.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.flightbooking.events.EventType;
import com.flightbooking.events.QueueRole;
import com.flightbooking.localinfra.LocalFauxqs;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsAsyncClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Queue delays: provisioned per role, changed on an existing queue, and honoured for what the topic delivers. Filters on
 * subscriptions: derived from the event types a role declares.
 */
class TopologyProvisionerTest {

    private static LocalFauxqs fauxqs;
    private static SnsAsyncClient sns;
    private static SqsAsyncClient sqs;

    private final String suffix = "-" + UUID.randomUUID().toString().substring(0, 8);

    record Settings(boolean enabled, int maxReceiveCount, Duration visibilityTimeout,
            boolean applyFiltersToSubscriptions, Duration dlqRetention, Map<String, Duration> queueDelay)
            implements
                MessagingConfig.Provisioning {
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

    private static <B extends AwsClientBuilder<B, C>, C> C emulatorClient(B builder,
            ExecutionInterceptor interceptor) {
        return builder.endpointOverride(URI.create(fauxqs.endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .overrideConfiguration(c -> c.addExecutionInterceptor(interceptor)).build();
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
    void withFiltersOnSubscriptionsADeclaredRoleIsDeliveredOnlyTheEventTypesItHandles() {
        Config config = new Config("provisioner-test", Optional.empty(), Optional.of(suffix),
                Optional.of(List.of(QueueRole.Names.LEDGER, "plain")),
                new Settings(true, 5, Duration.ofSeconds(30), true, Duration.ofDays(14), Map.of()));
        TopicArn topicArn = new TopicArn(config);
        TopologyProvisioner provisioner = new TopologyProvisioner(config, sns, sqs, topicArn,
                ConfigProvider.getConfig());
        provisioner.onStart(new StartupEvent());
        // A restart provisions again: the subscriptions, which carry filter policies now, are found and kept.
        provisioner.onStart(new StartupEvent());

        for (EventType type : List.of(EventType.BOOKING_REQUESTED, EventType.PAYMENT_CHARGED)) {
            sns.publish(r -> r.topicArn(topicArn.get()).message("{}").messageAttributes(Map.of(MessageAttributes.TYPE,
                    MessageAttributeValue.builder().dataType("String").stringValue(type.ceType()).build()))).join();
        }

        await().atMost(Duration.ofSeconds(5))
                .until(() -> messagesIn(url("plain")) == 2 && messagesIn(url(QueueRole.Names.LEDGER)) > 0);
        assertThat(receive(url(QueueRole.Names.LEDGER))).singleElement().satisfies(m -> assertThat(
                m.messageAttributes().get(MessageAttributes.TYPE).stringValue())
                .isEqualTo(EventType.PAYMENT_CHARGED.ceType()));
    }

    @Test
    void switchingFiltersOffDeliversEveryEventToARoleAgain() {
        Config filtersOn = new Config("provisioner-test", Optional.empty(), Optional.of(suffix),
                Optional.of(List.of(QueueRole.Names.LEDGER)),
                new Settings(true, 5, Duration.ofSeconds(30), true, Duration.ofDays(14), Map.of()));
        Config filtersOff = new Config("provisioner-test", Optional.empty(), Optional.of(suffix),
                Optional.of(List.of(QueueRole.Names.LEDGER)), settings(Map.of()));
        TopicArn topicArn = new TopicArn(filtersOn);
        new TopologyProvisioner(filtersOn, sns, sqs, topicArn, ConfigProvider.getConfig()).onStart(new StartupEvent());
        new TopologyProvisioner(filtersOff, sns, sqs, topicArn, ConfigProvider.getConfig())
                .onStart(new StartupEvent());

        sns.publish(r -> r.topicArn(topicArn.get()).message("{}").messageAttributes(Map.of(MessageAttributes.TYPE,
                MessageAttributeValue.builder().dataType("String").stringValue(EventType.BOOKING_REQUESTED.ceType())
                        .build())))
                .join();

        await().atMost(Duration.ofSeconds(5)).until(() -> messagesIn(url(QueueRole.Names.LEDGER)) == 1);
    }

    @Test
    void aRolesRedrivePolicyAllowsAsManyDeliveriesAsItsRetryWindowTakes() {
        Config config = new Config("provisioner-test", Optional.empty(), Optional.of(suffix),
                Optional.of(List.of("slow", "plain")), settings(Map.of()));
        org.eclipse.microprofile.config.Config channels = new SmallRyeConfigBuilder()
                .withConverter(Duration.class, 200, new DurationConverter())
                .withDefaultValue("mp.messaging.incoming.slow.retry.window", "1h")
                .build();

        new TopologyProvisioner(config, sns, sqs, new TopicArn(config), channels).onStart(new StartupEvent());

        assertThat(redrivePolicy("slow")).contains("\"maxReceiveCount\":\"23\"");
        assertThat(redrivePolicy("plain")).contains("\"maxReceiveCount\":\"5\"");
    }

    @Test
    void aStartAgainstATopologyThatAlreadyMatchesOnlyReadsIt() {
        Config config = new Config("provisioner-test", Optional.empty(), Optional.of(suffix),
                Optional.of(List.of(QueueRole.Names.LEDGER, "slow")),
                new Settings(true, 5, Duration.ofSeconds(30), true, Duration.ofDays(14),
                        Map.of("slow", Duration.ofSeconds(3))));
        List<String> calls = new CopyOnWriteArrayList<>();
        ExecutionInterceptor recorder = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                calls.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
            }
        };
        try (SnsAsyncClient recordedSns = emulatorClient(SnsAsyncClient.builder(), recorder);
                SqsAsyncClient recordedSqs = emulatorClient(SqsAsyncClient.builder(), recorder)) {
            TopicArn topicArn = new TopicArn(config);
            TopologyProvisioner provisioner = new TopologyProvisioner(config, recordedSns, recordedSqs, topicArn,
                    ConfigProvider.getConfig());
            provisioner.onStart(new StartupEvent());
            assertThat(calls).contains("Subscribe", "SetQueueAttributes");

            calls.clear();
            provisioner.onStart(new StartupEvent());

            assertThat(calls).isNotEmpty().allSatisfy(operation -> assertThat(operation)
                    .matches("CreateTopic|CreateQueue|Get.*|List.*"));
        }
        assertThat(delaySeconds("slow")).isEqualTo("3");
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
        new TopologyProvisioner(config, sns, sqs, topicArn, ConfigProvider.getConfig()).onStart(new StartupEvent());
        return topicArn;
    }

    private static Settings settings(Map<String, Duration> delays) {
        return new Settings(true, 5, Duration.ofSeconds(30), false, Duration.ofDays(14), delays);
    }

    private String url(String role) {
        return sqs.getQueueUrl(r -> r.queueName(role + suffix)).join().queueUrl();
    }

    private String redrivePolicy(String role) {
        return sqs.getQueueAttributes(r -> r.queueUrl(url(role)).attributeNames(QueueAttributeName.REDRIVE_POLICY))
                .join().attributes().get(QueueAttributeName.REDRIVE_POLICY);
    }

    private String delaySeconds(String role) {
        return sqs.getQueueAttributes(r -> r.queueUrl(url(role)).attributeNames(QueueAttributeName.DELAY_SECONDS))
                .join().attributes().get(QueueAttributeName.DELAY_SECONDS);
    }

    private static List<Message> receive(String queueUrl) {
        return sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(0)
                .messageAttributeNames("All").messageSystemAttributeNames(MessageSystemAttributeName.ALL)).join()
                .messages();
    }

    private static int messagesIn(String queueUrl) {
        return Integer.parseInt(sqs.getQueueAttributes(r -> r.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).join().attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
    }
}
