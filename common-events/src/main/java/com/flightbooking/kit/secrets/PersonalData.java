package com.flightbooking.kit.secrets;

import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Hides personal data in message bodies shown to ops (dead-letter listings): the value of every field named like a
 * person's name, an email address, a token (the sealed payment token reference included) or a principal, at any
 * depth. Ids, flights, amounts and statuses stay, which is what a dead letter is investigated with.
 */
public final class PersonalData {

    public static final String REDACTED = "[redacted]";
    static final String NOT_JSON = "(not a JSON object: not shown, it may hold personal data)";

    // Amounts shown as written (499.90, not 499.9).
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    private PersonalData() {
    }

    public static String redact(String body) {
        JsonNode tree;
        try {
            tree = JSON.readTree(body);
        } catch (JsonProcessingException notJson) {
            return NOT_JSON;
        }
        if (tree == null || !tree.isContainerNode()) {
            return NOT_JSON;
        }
        redact(tree);
        return tree.toString();
    }

    private static void redact(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                if (isPersonal(field.getKey()) && !field.getValue().isNull()) {
                    field.setValue(object.textNode(REDACTED));
                } else {
                    redact(field.getValue());
                }
            }
        } else if (node.isArray()) {
            node.forEach(PersonalData::redact);
        }
    }

    private static boolean isPersonal(String field) {
        String name = field.toLowerCase(Locale.ROOT);
        return name.endsWith("name") || name.contains("email") || name.contains("token") || name.equals("principal");
    }
}
