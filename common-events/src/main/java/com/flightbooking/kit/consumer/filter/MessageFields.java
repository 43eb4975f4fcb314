package com.flightbooking.kit.consumer.filter;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** The part of a message that a policy scope looks at, as keyed leaf values. */
interface MessageFields {

    /** The leaf values at {@code path}, arrays expanded into their elements; empty when the key is absent. */
    List<JsonNode> valuesAt(List<String> path);

    /** True when the message has no attribute (attribute scope) or no top-level property (body scope). */
    boolean isEmpty();
}
