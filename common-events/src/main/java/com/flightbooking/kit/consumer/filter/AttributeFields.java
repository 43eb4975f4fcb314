package com.flightbooking.kit.consumer.filter;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * Message attributes as filter values: a String is text, a Number is a number, a String.Array gives each of its
 * elements. A value that does not parse as its declared type is compared as plain text.
 */
final class AttributeFields implements MessageFields {

    private final Map<String, List<JsonNode>> values;

    AttributeFields(Map<String, AttributeValue> attributes) {
        Map<String, List<JsonNode>> converted = new HashMap<>();
        attributes.forEach((name, attribute) -> converted.put(name, leaves(attribute)));
        this.values = converted;
    }

    @Override
    public List<JsonNode> valuesAt(List<String> path) {
        return path.size() == 1 ? values.getOrDefault(path.get(0), List.of()) : List.of();
    }

    @Override
    public boolean isEmpty() {
        return values.isEmpty();
    }

    private static List<JsonNode> leaves(AttributeValue attribute) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        return switch (attribute.dataType()) {
            case STRING -> List.of(nodes.textNode(attribute.value()));
            case NUMBER -> {
                try {
                    yield List.of(nodes.numberNode(new BigDecimal(attribute.value().trim())));
                } catch (NumberFormatException e) {
                    yield List.of(nodes.textNode(attribute.value()));
                }
            }
            case STRING_ARRAY -> MessageJson.read(attribute.value())
                    .filter(JsonNode::isArray)
                    .map(array -> {
                        List<JsonNode> elements = new ArrayList<>();
                        MessageJson.addLeaves(array, elements);
                        return elements;
                    })
                    .orElseGet(() -> List.of(nodes.textNode(attribute.value())));
        };
    }
}
