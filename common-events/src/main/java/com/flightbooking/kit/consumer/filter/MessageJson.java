package com.flightbooking.kit.consumer.filter;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** Reads message bodies and String.Array attribute values for matching. */
final class MessageJson {

    // Decimals stay exact so that numeric matching compares the numbers that were sent, not their nearest doubles.
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private MessageJson() {
    }

    /** The parsed text, or empty when it is not a single well-formed JSON value. */
    static Optional<JsonNode> read(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(MAPPER.readTree(text)).filter(node -> !node.isMissingNode());
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** Adds the scalar values of {@code node} to {@code leaves}: arrays give their elements, objects nothing. */
    static void addLeaves(JsonNode node, List<JsonNode> leaves) {
        if (node.isArray()) {
            node.forEach(element -> addLeaves(element, leaves));
        } else if (!node.isObject()) {
            leaves.add(node);
        }
    }
}
