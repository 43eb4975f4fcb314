package com.flightbooking.kit.consumer.filter;

import java.util.List;

/** The conditions on one key (a nested key is a path), of which at least one must match. */
record FieldRule(List<String> path, List<Condition> conditions) {

    FieldRule {
        path = List.copyOf(path);
        conditions = List.copyOf(conditions);
    }

    boolean matches(MessageFields message) {
        var values = message.valuesAt(path);
        boolean messageHasFields = !message.isEmpty();
        return conditions.stream().anyMatch(condition -> condition.matches(values, messageHasFields));
    }
}
