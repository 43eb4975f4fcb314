package com.flightbooking.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.flightbooking.events.testing.GoldenFiles;
import com.flightbooking.kit.consumer.RoleFilter;
import com.flightbooking.kit.consumer.filter.FilterPolicy;
import com.flightbooking.kit.messaging.MessageAttributes;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * The AsyncAPI document (served by booking-api, validated against the specification in CI) cannot drift from the
 * code: every event type has its message, whose example is its golden file and whose schemas accept it; every data
 * schema names exactly the payload record's fields; every role has its queue and the subscription filter provisioning
 * gives it; every event has a publisher.
 */
class AsyncApiDocumentTest {

    private static final String SCHEMAS = "#/components/schemas/";
    private static final String TOPIC_CHANNEL = "bookingEvents";

    private static final JsonNode DOCUMENT_TREE = read();

    private final ObjectMapper json = new ObjectMapper();
    private final EventCodec codec = new EventCodec();

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyEventTypeHasAMessageOfItsTypeCarryingItsPayload(EventType type) {
        JsonNode message = messageOf(type);

        assertThat(message.at("/headers/allOf/1/properties/ce_type/const").asText()).isEqualTo(type.ceType());
        assertThat(message.at("/payload/allOf/1/properties/type/const").asText()).isEqualTo(type.ceType());
        assertThat(message.at("/payload/allOf/1/properties/data/$ref").asText())
                .isEqualTo(SCHEMAS + type.payloadClass().getSimpleName());
        assertThat(names(DOCUMENT_TREE.at("/channels/" + TOPIC_CHANNEL + "/messages")))
                .contains(type.payloadClass().getSimpleName());
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void theGoldenFileIsTheMessagesExampleAndItsSchemasAcceptIt(EventType type) throws IOException {
        String golden = GoldenFiles.of(type);
        JsonNode example = messageOf(type).at("/examples/0");
        JsonNode attributes = json.valueToTree(MessageAttributes.of(codec.decode(golden)));

        assertThat(example.get("name").asText()).isEqualTo(GoldenFiles.nameOf(type));
        assertThat(example.get("payload")).isEqualTo(json.readTree(golden));
        assertThat(example.get("headers")).isEqualTo(attributes);
        assertThat(messageOf(type).get("x-published-by")).as("publisher").isEqualTo(example.at("/payload/source"));
        assertThat(violations(messagePointer(type) + "/payload", json.readTree(golden))).isEmpty();
        assertThat(violations(messagePointer(type) + "/headers", attributes)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void theDataSchemaNamesExactlyThePayloadsFields(EventType type) {
        assertDescribes(schema(type.payloadClass().getSimpleName()), type.payloadClass(), "data");
    }

    @Test
    void everyEventIsPublishedBySomeOperation() {
        Set<String> published = new HashSet<>();
        operations("send").forEach(op -> messageRefs(op).forEach(ref -> published.add(lastSegment(ref))));

        assertThat(published).containsExactlyInAnyOrderElementsOf(Arrays.stream(EventType.values())
                .map(type -> type.payloadClass().getSimpleName()).toList());
    }

    @ParameterizedTest
    @EnumSource(QueueRole.class)
    void everyRoleHasItsQueueReceivingTheTypesItHandles(QueueRole role) {
        String channelName = queueChannelOf(role);
        JsonNode sqs = DOCUMENT_TREE.at("/channels/" + channelName + "/bindings/sqs");

        assertThat(sqs.at("/queue/name").asText()).isEqualTo(role.roleName());
        assertThat(sqs.at("/deadLetterQueue/name").asText()).isEqualTo(role.roleName() + "-dlq");
        assertThat(sqs.at("/queue/redrivePolicy/deadLetterQueue/name").asText()).isEqualTo(role.roleName() + "-dlq");
        assertThat(names(DOCUMENT_TREE.at("/channels/" + channelName + "/messages")))
                .containsExactlyInAnyOrderElementsOf(classNames(role.handles()));
        List<JsonNode> receives = operations("receive").stream()
                .filter(op -> op.at("/channel/$ref").asText().equals("#/channels/" + channelName)).toList();
        assertThat(receives).hasSize(1);
        assertThat(messageRefs(receives.get(0)).stream().map(AsyncApiDocumentTest::lastSegment))
                .containsExactlyInAnyOrderElementsOf(classNames(role.handles()));
    }

    @ParameterizedTest
    @EnumSource(QueueRole.class)
    void everyRolesSubscriptionHasTheFilterProvisioningGivesIt(QueueRole role) throws IOException {
        FilterPolicy provisioned = RoleFilter.forRole(role.roleName(), Optional.empty(), Optional.empty())
                .orElseThrow().policy();
        List<JsonNode> subscriptions = subscriptions().stream()
                .filter(s -> s.at("/endpoint/name").asText().equals(role.roleName())).toList();

        assertThat(subscriptions).hasSize(1);
        JsonNode subscription = subscriptions.get(0);
        assertThat(subscription.get("protocol").asText()).isEqualTo("sqs");
        assertThat(subscription.get("rawMessageDelivery").asBoolean()).isTrue();
        assertThat(subscription.get("filterPolicyScope").asText()).isEqualTo(provisioned.scope().awsName());
        assertThat(asSets(subscription.get("filterPolicy"))).isEqualTo(asSets(json.readTree(provisioned.json())));
    }

    @Test
    void describesNoQueueOrSubscriptionWithoutARole() {
        Set<String> roles = Arrays.stream(QueueRole.values()).map(QueueRole::roleName).collect(Collectors.toSet());
        Set<String> queues = new HashSet<>();
        DOCUMENT_TREE.get("channels").forEach(channel -> {
            if (channel.at("/bindings/sqs").isObject()) {
                queues.add(channel.at("/bindings/sqs/queue/name").asText());
            }
        });

        assertThat(queues).isEqualTo(roles);
        assertThat(subscriptions().stream().map(s -> s.at("/endpoint/name").asText()))
                .containsExactlyInAnyOrderElementsOf(roles);
    }

    /**
     * The schema's properties are the record's components; a nested record's schema (by {@code $ref}) is checked the
     * same way, and an enum's values are the Java constants.
     */
    private void assertDescribes(JsonNode schema, Class<?> record, String path) {
        RecordComponent[] components = record.getRecordComponents();
        assertThat(names(schema.get("properties"))).as("properties of %s", path)
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(components).map(RecordComponent::getName).toList());
        assertThat(schema.get("additionalProperties").asBoolean()).as("%s ignores fields it does not know", path)
                .isTrue();
        for (RecordComponent component : components) {
            JsonNode property = schema.get("properties").get(component.getName());
            String at = path + "." + component.getName();
            Class<?> type = component.getType();
            if (type.isPrimitive()) {
                assertThat(names(schema.get("required"))).as("%s is always sent", at).contains(component.getName());
            }
            if (type.isRecord()) {
                assertThat(property.has("$ref")).as("%s refers to its record's schema", at).isTrue();
                assertDescribes(schema(lastSegment(property.get("$ref").asText())), type, at);
            }
            if (type.isEnum()) {
                assertThat(property.get("enum")).as("values of %s", at).extracting(JsonNode::asText)
                        .containsExactlyInAnyOrderElementsOf(Arrays.stream(type.getEnumConstants())
                                .map(Object::toString).toList());
            }
        }
    }

    /** What the schema at {@code pointer} in the document finds wrong with {@code instance}. */
    private Set<ValidationMessage> violations(String pointer, JsonNode instance) {
        // The whole document is the root, so that the schema's $refs (#/components/schemas/...) resolve in it.
        ObjectNode root = json.createObjectNode().put("$ref", pointer);
        root.set("components", DOCUMENT_TREE.get("components"));
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(root, config);
        return schema.validate(instance);
    }

    private static JsonNode messageOf(EventType type) {
        JsonNode message = DOCUMENT_TREE.at(messagePointer(type).substring(1));
        assertThat(message.isObject()).as("message %s", type.payloadClass().getSimpleName()).isTrue();
        return message;
    }

    private static String messagePointer(EventType type) {
        return "#/components/messages/" + type.payloadClass().getSimpleName();
    }

    private static JsonNode schema(String name) {
        JsonNode schema = DOCUMENT_TREE.at("/components/schemas/" + name);
        assertThat(schema.isObject()).as("schema %s", name).isTrue();
        return schema;
    }

    private static String queueChannelOf(QueueRole role) {
        List<String> channels = new ArrayList<>();
        DOCUMENT_TREE.get("channels").properties().forEach(channel -> {
            if (channel.getValue().get("address").asText().equals(role.roleName())) {
                channels.add(channel.getKey());
            }
        });
        assertThat(channels).as("channels with address %s", role.roleName()).hasSize(1);
        return channels.get(0);
    }

    private static List<JsonNode> operations(String action) {
        return StreamSupport.stream(DOCUMENT_TREE.get("operations").spliterator(), false)
                .filter(op -> op.get("action").asText().equals(action)).toList();
    }

    private static List<String> messageRefs(JsonNode operation) {
        return StreamSupport.stream(operation.get("messages").spliterator(), false)
                .map(ref -> ref.get("$ref").asText()).toList();
    }

    private static List<JsonNode> subscriptions() {
        return StreamSupport.stream(DOCUMENT_TREE.at("/components/operationBindings/topicSubscriptions/sns/consumers")
                .spliterator(), false).toList();
    }

    private static Set<String> classNames(Set<EventType> types) {
        return types.stream().map(type -> type.payloadClass().getSimpleName()).collect(Collectors.toSet());
    }

    /** A filter policy with each array as a set: SNS ORs an array's values, so their order means nothing. */
    private JsonNode asSets(JsonNode policy) {
        ObjectNode sets = json.createObjectNode();
        policy.properties().forEach(field -> sets.set(field.getKey(), field.getValue().isArray()
                ? json.valueToTree(StreamSupport.stream(field.getValue().spliterator(), false)
                        .map(JsonNode::toString).collect(Collectors.toCollection(TreeSet::new)))
                : field.getValue()));
        return sets;
    }

    private static Set<String> names(JsonNode node) {
        Set<String> names = new HashSet<>();
        if (node.isArray()) {
            node.forEach(element -> names.add(element.asText()));
        } else {
            node.fieldNames().forEachRemaining(names::add);
        }
        return names;
    }

    private static String lastSegment(String ref) {
        return ref.substring(ref.lastIndexOf('/') + 1);
    }

    private static JsonNode read() {
        try {
            return new YAMLMapper().readTree(EventContract.yaml());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
