package com.flightbooking.kit.consumer.filter;

import static com.flightbooking.kit.consumer.filter.AttributeValue.number;
import static com.flightbooking.kit.consumer.filter.AttributeValue.string;
import static com.flightbooking.kit.consumer.filter.AttributeValue.stringArray;
import static com.flightbooking.kit.consumer.filter.FilterPolicy.Scope.MESSAGE_ATTRIBUTES;
import static com.flightbooking.kit.consumer.filter.FilterPolicy.Scope.MESSAGE_BODY;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.flightbooking.localinfra.LocalFauxqs;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsAsyncClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Proves that the in-worker decision equals the emulator's subscription filtering: every message of {@link #SAMPLES}
 * is published to a topic with one filtered subscription per policy of {@link #POLICIES}, and each queue must hold
 * exactly the messages that {@link FilterPolicy#matches} accepts.
 */
class FilterPolicyEmulatorTest {

    private static final Logger LOG = Logger.getLogger(FilterPolicyEmulatorTest.class);

    private static final List<Subscriber> POLICIES = List.of(
            attributes("exact", "{'event':['order_placed','order_cancelled']}"),
            attributes("exact-number", "{'price':[100]}"),
            attributes("prefix", "{'store':[{'prefix':'example'}]}"),
            attributes("suffix", "{'store':[{'suffix':'_corp'}]}"),
            attributes("equals-ignore-case", "{'event':[{'equals-ignore-case':'ORDER_PLACED'}]}"),
            attributes("anything-but-value", "{'event':[{'anything-but':'order_placed'}]}"),
            attributes("anything-but-list", "{'event':[{'anything-but':['order_placed','order_cancelled']}]}"),
            attributes("anything-but-number", "{'price':[{'anything-but':[100,500]}]}"),
            attributes("anything-but-prefix", "{'store':[{'anything-but':{'prefix':'example'}}]}"),
            attributes("anything-but-suffix", "{'store':[{'anything-but':{'suffix':'_corp'}}]}"),
            attributes("numeric-equals", "{'price':[{'numeric':['=',301.5]}]}"),
            attributes("numeric-range", "{'price':[{'numeric':['>',0,'<=',150]}]}"),
            attributes("numeric-below", "{'price':[{'numeric':['<',0]}]}"),
            attributes("numeric-at-least", "{'price':[{'numeric':['>=',150]}]}"),
            attributes("exists", "{'store':[{'exists':true}]}"),
            attributes("not-exists", "{'store':[{'exists':false}]}"),
            attributes("and", "{'store':['example_corp'],'event':['order_placed']}"),
            attributes("or-in-array", "{'store':['other_shop',{'prefix':'example'}]}"),
            attributes("$or", "{'$or':[{'store':['example_corp']},{'price':[{'numeric':['>',1000]}]}]}"),
            attributes("$or-and-key", "{'event':['order_placed'],'$or':[{'store':[{'prefix':'ex'}]},"
                    + "{'interests':[{'exists':true}]}]}"),
            attributes("anything-but-or-absent", "{'store':[{'anything-but':'example_corp'},{'exists':false}]}"),
            attributes("string-array", "{'interests':['rugby','tennis']}"),
            attributes("string-array-anything-but", "{'interests':[{'anything-but':['rugby','tennis']}]}"),
            body("body-exact", "{'event':['order_placed']}"),
            body("body-nested", "{'order':{'status':['confirmed'],'total':[{'numeric':['>=',100]}]}}"),
            body("body-deeply-nested-prefix", "{'order':{'customer':{'tier':[{'prefix':'gold'}]}}}"),
            body("body-equals-ignore-case", "{'event':[{'equals-ignore-case':'ORDER_PLACED'}]}"),
            body("body-anything-but-number", "{'price':[{'anything-but':[100,500]}]}"),
            body("body-not-exists", "{'coupon':[{'exists':false}]}"),
            body("body-exists", "{'coupon':[{'exists':true}]}"),
            body("body-boolean", "{'paid':[true]}"),
            body("body-$or", "{'$or':[{'order':{'status':['cancelled']}},{'event':[{'suffix':'_refunded'}]}]}"),
            body("body-array", "{'interests':['rugby']}"),
            body("body-array-of-objects", "{'items':{'price':[{'numeric':['>',500]}]}}"),
            body("body-nested-$or", "{'order':{'$or':[{'status':['cancelled']},{'total':[{'numeric':['<',10]}]}]}}"));

    private static final List<Sample> SAMPLES = List.of(
            new Sample("placed-full", "attributes: placed-full", Map.of(
                    "event", string("order_placed"), "store", string("example_corp"), "price", number("210.75"),
                    "interests", stringArray("[\"soccer\",\"rugby\",\"hockey\"]"))),
            new Sample("cancelled", "attributes: cancelled", Map.of(
                    "event", string("order_cancelled"), "store", string("other_shop"), "price", number("100"))),
            new Sample("mixed-case-event", "attributes: mixed-case-event", Map.of(
                    "event", string("ORDER_Placed"), "price", number("3.015e2"))),
            new Sample("store-only", "attributes: store-only", Map.of("store", string("example_corp"))),
            new Sample("negative-price", "attributes: negative-price", Map.of("price", number("-5"))),
            new Sample("price-150", "attributes: price-150", Map.of("price", number("150"), "event",
                    string("order_shipped"))),
            new Sample("price-zero", "attributes: price-zero", Map.of("price", number("0"))),
            new Sample("big-order", "attributes: big-order", Map.of(
                    "event", string("order_shipped"), "store", string("Example_Corp"), "price", number("1500"))),
            new Sample("array-no-match", "attributes: array-no-match", Map.of(
                    "interests", stringArray("[\"baseball\"]"), "store", string("exampleshop"))),
            new Sample("array-match", "attributes: array-match", Map.of(
                    "interests", stringArray("[\"rugby\",\"tennis\"]"), "event", string("order_placed"))),
            new Sample("no-attributes", "attributes: none", Map.of()),
            new Sample("body-confirmed", """
                    {"event":"order_placed",\
                    "order":{"status":"confirmed","total":120,"customer":{"tier":"gold-plus"}}}""", Map.of()),
            new Sample("body-refunded", """
                    {"event":"order_refunded","order":{"status":"cancelled","total":5},"paid":false}""", Map.of()),
            new Sample("body-interests", """
                    {"event":"ORDER_PLACED","interests":["soccer","rugby"],"price":100}""", Map.of()),
            new Sample("body-coupon", """
                    {"event":"order_placed","coupon":"SAVE10","price":101,"paid":true}""", Map.of()),
            new Sample("body-items", """
                    {"items":[{"price":100},{"price":900}],"event":"order_placed"}""", Map.of()),
            new Sample("body-small-total", """
                    {"order":{"status":"confirmed","total":99.99},"price":500}""", Map.of()),
            new Sample("body-empty-object", "{}", Map.of()),
            new Sample("body-json-array", "[\"order_placed\"]", Map.of()),
            new Sample("body-with-attributes", """
                    {"event":"order_cancelled","price":1e2}""", Map.of("store", string("example_corp"))));

    /**
     * Pairs left out of the comparison because fauxqs 2.4.1 departs from documented SNS semantics there; FilterPolicy
     * keeps the SNS behaviour (its unit tests cover these cases). The test fails when fauxqs starts to agree, so that
     * the entry is removed.
     */
    private static final Map<String, String> FAUXQS_DEVIATIONS = Map.of(
            "string-array on placed-full", "fauxqs compares a String.Array's raw JSON text, not its elements",
            "string-array on array-match", "fauxqs compares a String.Array's raw JSON text, not its elements",
            "string-array-anything-but on array-match",
            "fauxqs compares a String.Array's raw JSON text, not its elements",
            "body-array on body-interests", "fauxqs ignores arrays in the body instead of matching any element",
            "body-array-of-objects on body-items", "fauxqs ignores arrays in the body, so keys under them are absent",
            "body-nested-$or on body-refunded", "fauxqs drops the enclosing key from a $or nested under a body key",
            "body-not-exists on body-json-array", "fauxqs filters a JSON array body as an object keyed by index; SNS "
                    + "needs a JSON object");

    private static LocalFauxqs fauxqs;
    private static SnsAsyncClient sns;
    private static SqsAsyncClient sqs;

    @BeforeAll
    static void startEmulator() {
        fauxqs = LocalFauxqs.start(0, LOG::info);
        URI endpoint = URI.create(fauxqs.endpoint());
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create("test", "test"));
        sns = SnsAsyncClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClientBuilder(NettyNioAsyncHttpClient.builder()).build();
        sqs = SqsAsyncClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClientBuilder(NettyNioAsyncHttpClient.builder()).build();
    }

    @AfterAll
    static void stopEmulator() {
        if (sns != null) {
            sns.close();
        }
        if (sqs != null) {
            sqs.close();
        }
        if (fauxqs != null) {
            fauxqs.close();
        }
    }

    @Test
    void fauxqsDeliversToSubscribedQueuesBeforePublishReturns() {
        String topicArn = createTopic();
        String queueUrl = subscribe(topicArn, "sync", FilterPolicy.acceptAll());

        for (int published = 1; published <= 20; published++) {
            sns.publish(r -> r.topicArn(topicArn).message("probe")).join();

            assertThat(queueDepth(queueUrl)).as("messages in the queue right after publish #%d returned", published)
                    .isEqualTo(published);
        }
    }

    @Test
    void emulatorDeliversExactlyWhatThePolicyMatches() {
        assertThat(SAMPLES.stream().map(Sample::body).distinct().count())
                .as("sample bodies identify the delivered messages, so they must differ").isEqualTo(SAMPLES.size());
        String topicArn = createTopic();
        Map<Subscriber, String> queues = new LinkedHashMap<>();
        POLICIES.forEach(subscriber -> queues.put(subscriber, subscribe(topicArn, subscriber.name(),
                subscriber.policy())));

        SAMPLES.forEach(sample -> sns.publish(r -> r.topicArn(topicArn).message(sample.body())
                .messageAttributes(snsAttributes(sample.attributes()))).join());

        // fauxqs enqueues into every subscribed queue before it answers Publish (its publish action is synchronous,
        // and the test above checks it), so once the last Publish has returned a missing message was filtered out,
        // not late.
        Map<String, String> disagreements = new TreeMap<>();
        queues.forEach((subscriber, queueUrl) -> {
            Set<String> delivered = drain(queueUrl);
            for (Sample sample : SAMPLES) {
                boolean matched = subscriber.policy().matches(sample.attributes(), sample.body());
                if (delivered.contains(sample.body()) != matched) {
                    disagreements.put(subscriber.name() + " on " + sample.name(), "emulator "
                            + (matched ? "filtered it out" : "delivered it") + ", FilterPolicy "
                            + (matched ? "matches" : "does not match"));
                }
            }
        });
        assertThat(disagreements.keySet())
                .as("(policy, sample) pairs where the emulator and FilterPolicy disagree: %s", disagreements)
                .containsExactlyInAnyOrderElementsOf(FAUXQS_DEVIATIONS.keySet());
    }

    @Test
    void everyPolicyInTheTableAcceptsSomeSamplesAndRejectsOthers() {
        for (Subscriber subscriber : POLICIES) {
            Set<Boolean> outcomes = SAMPLES.stream()
                    .map(sample -> subscriber.policy().matches(sample.attributes(), sample.body()))
                    .collect(Collectors.toSet());

            assertThat(outcomes).as(subscriber.name()).containsExactlyInAnyOrder(true, false);
        }
    }

    private static String createTopic() {
        return sns.createTopic(r -> r.name("filter-policy-" + UUID.randomUUID())).join().topicArn();
    }

    private static String subscribe(String topicArn, String name, FilterPolicy policy) {
        String queueUrl = sqs.createQueue(r -> r.queueName("filter-" + name.replace("$", "") + "-"
                + UUID.randomUUID())).join().queueUrl();
        String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).join().attributes().get(QueueAttributeName.QUEUE_ARN);
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("RawMessageDelivery", "true");
        if (!policy.acceptsAll()) {
            attributes.put("FilterPolicy", policy.json());
            attributes.put("FilterPolicyScope", policy.scope().awsName());
        }
        sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(queueArn).attributes(attributes)).join();
        return queueUrl;
    }

    private static int queueDepth(String queueUrl) {
        return Integer.parseInt(sqs.getQueueAttributes(r -> r.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).join()
                .attributes().get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
    }

    /** The bodies of every message in the queue; received messages stay invisible, so each arrives once. */
    private static Set<String> drain(String queueUrl) {
        int depth = queueDepth(queueUrl);
        Set<String> bodies = new HashSet<>();
        List<Message> batch;
        do {
            batch = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(0))
                    .join().messages();
            batch.forEach(message -> bodies.add(message.body()));
        } while (!batch.isEmpty());
        assertThat(bodies).as("messages received from %s", queueUrl).hasSize(depth);
        return bodies;
    }

    private static Map<String, MessageAttributeValue> snsAttributes(Map<String, AttributeValue> attributes) {
        return attributes.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                entry -> MessageAttributeValue.builder().dataType(entry.getValue().dataType().awsName())
                        .stringValue(entry.getValue().value()).build()));
    }

    private static Subscriber attributes(String name, String singleQuotedJson) {
        return new Subscriber(name, FilterPolicy.parse(singleQuotedJson.replace('\'', '"'), MESSAGE_ATTRIBUTES));
    }

    private static Subscriber body(String name, String singleQuotedJson) {
        return new Subscriber(name, FilterPolicy.parse(singleQuotedJson.replace('\'', '"'), MESSAGE_BODY));
    }

    private record Subscriber(String name, FilterPolicy policy) {
    }

    private record Sample(String name, String body, Map<String, AttributeValue> attributes) {
    }
}
