package com.flightbooking.kit.consumer;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.flightbooking.events.EventType;
import com.flightbooking.events.QueueRole;
import com.flightbooking.kit.consumer.filter.AttributeValue;
import com.flightbooking.kit.consumer.filter.FilterPolicy;
import com.flightbooking.kit.messaging.MessageAttributes;

import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * The events a role wants, as an SNS filter policy: by default the event types its {@link QueueRole} handles; a role
 * that needs more than a list of types declares a policy of its own ({@code filter}, with {@code filter-scope}
 * {@code MessageAttributes} or {@code MessageBody}), which replaces that. The consumer applies it to every message;
 * provisioning can apply the very same policy to the role's SNS subscription.
 */
public record RoleFilter(FilterPolicy policy) implements EventFilter {

    public static final String POLICY_KEY = "filter";
    public static final String SCOPE_KEY = "filter-scope";

    /**
     * The role's filter: its own {@code policy} when set, else the event types its {@link QueueRole} handles; none
     * for a role that is neither declared nor given a policy.
     */
    public static Optional<RoleFilter> forRole(String role, Optional<String> policy, Optional<String> scope) {
        return of(policy, scope).or(() -> QueueRole.named(role).map(declared -> ofTypes(declared.handles())));
    }

    /** The role's filter, or none when {@code policy} is absent. */
    public static Optional<RoleFilter> of(Optional<String> policy, Optional<String> scope) {
        return policy.filter(json -> !json.isBlank())
                .map(json -> new RoleFilter(FilterPolicy.parse(json, scope.map(RoleFilter::scopeOf)
                        .orElse(FilterPolicy.Scope.MESSAGE_ATTRIBUTES))));
    }

    /** A filter on the {@code ce_type} message attribute that accepts exactly these event types. */
    public static RoleFilter ofTypes(Set<EventType> types) {
        String json = types.stream().map(type -> '"' + type.ceType() + '"')
                .collect(Collectors.joining(", ", "{\"" + MessageAttributes.TYPE + "\": [", "]}"));
        return new RoleFilter(FilterPolicy.parse(json, FilterPolicy.Scope.MESSAGE_ATTRIBUTES));
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
