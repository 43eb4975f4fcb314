package com.flightbooking.kit.consumer.filter;

import java.util.List;

/**
 * A parsed policy object: every field rule must match, and from every {@code $or} group at least one alternative
 * must match. Nested body keys are already flattened into the field paths.
 */
record PolicyRule(List<FieldRule> fields, List<List<PolicyRule>> anyOf) {

    PolicyRule {
        fields = List.copyOf(fields);
        anyOf = anyOf.stream().map(List::copyOf).toList();
    }

    boolean isEmpty() {
        return fields.isEmpty() && anyOf.isEmpty();
    }

    boolean matches(MessageFields message) {
        return fields.stream().allMatch(field -> field.matches(message))
                && anyOf.stream().allMatch(group -> group.stream().anyMatch(rule -> rule.matches(message)));
    }
}
