package com.flightbooking.events.consumer;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

import com.flightbooking.events.consumer.filter.AttributeValue;
import com.flightbooking.events.consumer.filter.FilterPolicy;

import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * A role's declaration of the events it wants, in SNS filter-policy syntax ({@code filter}, with
 * {@code filter-scope} {@code MessageAttributes} or {@code MessageBody}). The consumer applies it to every message;
 * provisioning can apply the very same policy to the role's SNS subscription.
 */
public record RoleFilter(FilterPolicy policy) implements EventFilter {

    public static final String POLICY_KEY = "filter";
    public static final String SCOPE_KEY = "filter-scope";

    /** The role's filter, or none when {@code policy} is absent. */
    public static Optional<RoleFilter> of(Optional<String> policy, Optional<String> scope) {
        return policy.filter(json -> !json.isBlank())
                .map(json -> new RoleFilter(FilterPolicy.parse(json, scope.map(RoleFilter::scopeOf)
                        .orElse(FilterPolicy.Scope.MESSAGE_ATTRIBUTES))));
    }

    @Override
    public boolean accepts(Map<String, MessageAttributeValue> attributes, String body) {
        return policy.matches(AttributeValue.fromSqs(attributes), body);
    }

    private static FilterPolicy.Scope scopeOf(String awsName) {
        return Arrays.stream(FilterPolicy.Scope.values()).filter(s -> s.awsName().equalsIgnoreCase(awsName))
                .findFirst().orElseThrow(() -> new IllegalArgumentException(
                        "filter-scope must be MessageAttributes or MessageBody, not '" + awsName + "'"));
    }
}
