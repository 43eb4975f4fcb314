package com.flightbooking.kit.consumer.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A JSON object body as filter values. A nested key is a path; an array anywhere along the path or at its end
 * stands for each of its elements, so a policy value matches when any element matches.
 */
final class BodyFields implements MessageFields {

    private final JsonNode root;

    private BodyFields(JsonNode root) {
        this.root = root;
    }

    /** The body's fields, or empty when the body is not a JSON object: such a body never matches. */
    static Optional<BodyFields> parse(String body) {
        return MessageJson.read(body).filter(JsonNode::isObject).map(BodyFields::new);
    }

    @Override
    public List<JsonNode> valuesAt(List<String> path) {
        List<JsonNode> nodes = List.of(root);
        for (String key : path) {
            List<JsonNode> children = new ArrayList<>();
            nodes.forEach(node -> addChildren(node, key, children));
            nodes = children;
        }
        List<JsonNode> leaves = new ArrayList<>();
        nodes.forEach(node -> MessageJson.addLeaves(node, leaves));
        return leaves;
    }

    @Override
    public boolean isEmpty() {
        return root.isEmpty();
    }

    private static void addChildren(JsonNode node, String key, List<JsonNode> children) {
        if (node.isArray()) {
            node.forEach(element -> addChildren(element, key, children));
        } else if (node.has(key)) {
            children.add(node.get(key));
        }
    }
}
