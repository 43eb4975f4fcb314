package com.flightbooking.kit.consumer.filter;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import software.amazon.awssdk.services.sqs.model.Message;

/**
 * An SNS subscription filter policy, evaluated in-process with SNS semantics: keys are ANDed, the conditions in a
 * key's array are ORed, {@code $or} chooses between alternative sets of keys. Supports exact strings and numbers,
 * {@code prefix}, {@code suffix}, {@code equals-ignore-case}, {@code anything-but} (values, prefix or suffix),
 * {@code numeric} comparisons and ranges, and {@code exists}. A String.Array attribute or a body array matches when
 * any element does.
 * <p>
 * The same declaration serves both sides: {@link #json()} and {@link #scope()} go onto the SNS subscription, and a
 * consumer can call {@link #matches} to apply it to messages that reach it another way. Instances are immutable and
 * safe to share between threads.
 */
public final class FilterPolicy {

    /** Which part of a message the policy looks at, as the SNS subscription attribute {@code FilterPolicyScope}. */
    public enum Scope {
        MESSAGE_ATTRIBUTES("MessageAttributes"),
        MESSAGE_BODY("MessageBody");

        private final String awsName;

        Scope(String awsName) {
            this.awsName = awsName;
        }

        /** The value of the SNS subscription attribute {@code FilterPolicyScope}. */
        public String awsName() {
            return awsName;
        }
    }

    private static final FilterPolicy ACCEPT_ALL = new FilterPolicy("{}", Scope.MESSAGE_ATTRIBUTES,
            new PolicyRule(List.of(), List.of()));

    private final String json;
    private final Scope scope;
    private final PolicyRule rule;

    private FilterPolicy(String json, Scope scope, PolicyRule rule) {
        this.json = json;
        this.scope = scope;
        this.rule = rule;
    }

    /**
     * @throws IllegalArgumentException when the JSON is not a valid filter policy, naming the problem
     */
    public static FilterPolicy parse(String json, Scope scope) {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(scope, "scope");
        return new FilterPolicy(json, scope, PolicyParser.parse(json, scope));
    }

    /** A policy that matches every message; as an SNS subscription it means no filter policy at all. */
    public static FilterPolicy acceptAll() {
        return ACCEPT_ALL;
    }

    /** The policy JSON exactly as given, for the SNS subscription attribute {@code FilterPolicy}. */
    public String json() {
        return json;
    }

    public Scope scope() {
        return scope;
    }

    /** True for {@code {}}, which filters nothing: a subscription should then carry no filter policy. */
    public boolean acceptsAll() {
        return rule.isEmpty();
    }

    /**
     * Whether SNS would deliver this message to a subscription with this policy.
     *
     * @param messageAttributes the message attributes, looked at in MESSAGE_ATTRIBUTES scope (null means none)
     * @param body the message body, looked at in MESSAGE_BODY scope, where anything but a JSON object (null
     *        included) never matches
     */
    public boolean matches(Map<String, AttributeValue> messageAttributes, String body) {
        if (acceptsAll()) {
            return true;
        }
        Optional<? extends MessageFields> fields = switch (scope) {
            case MESSAGE_ATTRIBUTES -> Optional.of(new AttributeFields(
                    messageAttributes == null ? Map.of() : messageAttributes));
            case MESSAGE_BODY -> BodyFields.parse(body);
        };
        return fields.map(rule::matches).orElse(false);
    }

    /** {@link #matches(Map, String)} for a message received from SQS with raw delivery. */
    public boolean matches(Message message) {
        return matches(AttributeValue.fromSqs(message.messageAttributes()), message.body());
    }

    @Override
    public String toString() {
        return "FilterPolicy[" + scope.awsName() + " " + json + "]";
    }
}
