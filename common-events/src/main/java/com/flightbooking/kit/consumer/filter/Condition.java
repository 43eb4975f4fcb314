package com.flightbooking.kit.consumer.filter;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;

/** One entry of a key's condition list in a filter policy; the key matches when any of its conditions does. */
sealed interface Condition {

    /**
     * @param values the leaf values found under the key: one per element for a String.Array attribute or a body
     *        array, none when the key is absent
     * @param messageHasFields whether the message has any attribute (attribute scope) or top-level property (body
     *        scope); SNS never lets {@code "exists": false} match a message that has none
     */
    boolean matches(List<JsonNode> values, boolean messageHasFields);

    /** A condition on a single value; a key holding several values matches when any one of them does. */
    sealed interface OnValue extends Condition {

        boolean test(JsonNode value);

        @Override
        default boolean matches(List<JsonNode> values, boolean messageHasFields) {
            return values.stream().anyMatch(this::test);
        }
    }

    /** Exact match on a policy literal. Types never mix: {@code "100"} does not match the number 100. */
    record Equals(JsonNode expected) implements OnValue {

        public Equals {
            Objects.requireNonNull(expected, "expected");
        }

        @Override
        public boolean test(JsonNode value) {
            if (expected.isTextual()) {
                return value.isTextual() && value.textValue().equals(expected.textValue());
            }
            if (expected.isNumber()) {
                return value.isNumber() && value.decimalValue().compareTo(expected.decimalValue()) == 0;
            }
            if (expected.isBoolean()) {
                return value.isBoolean() && value.booleanValue() == expected.booleanValue();
            }
            return expected.isNull() && value.isNull();
        }
    }

    record Prefix(String prefix) implements OnValue {

        @Override
        public boolean test(JsonNode value) {
            return value.isTextual() && value.textValue().startsWith(prefix);
        }
    }

    record Suffix(String suffix) implements OnValue {

        @Override
        public boolean test(JsonNode value) {
            return value.isTextual() && value.textValue().endsWith(suffix);
        }
    }

    record EqualsIgnoreCase(String expected) implements OnValue {

        public EqualsIgnoreCase {
            expected = expected.toLowerCase(Locale.ROOT);
        }

        @Override
        public boolean test(JsonNode value) {
            return value.isTextual() && value.textValue().toLowerCase(Locale.ROOT).equals(expected);
        }
    }

    /** Matches a present value that none of the excluded conditions match. */
    record AnythingBut(List<OnValue> excluded) implements OnValue {

        public AnythingBut {
            excluded = List.copyOf(excluded);
        }

        @Override
        public boolean test(JsonNode value) {
            return excluded.stream().noneMatch(condition -> condition.test(value));
        }
    }

    /** A numeric interval; a null bound is open-ended. {@code "="} is the interval [x, x]. */
    record NumericRange(BigDecimal lower, boolean lowerInclusive, BigDecimal upper, boolean upperInclusive)
            implements
                OnValue {

        @Override
        public boolean test(JsonNode value) {
            if (!value.isNumber()) {
                return false;
            }
            BigDecimal number = value.decimalValue();
            if (lower != null) {
                int comparison = number.compareTo(lower);
                if (comparison < 0 || comparison == 0 && !lowerInclusive) {
                    return false;
                }
            }
            if (upper != null) {
                int comparison = number.compareTo(upper);
                return comparison < 0 || comparison == 0 && upperInclusive;
            }
            return true;
        }
    }

    /** Key matching: SNS counts a key as present only when it holds a non-null value. */
    record Exists(boolean present) implements Condition {

        @Override
        public boolean matches(List<JsonNode> values, boolean messageHasFields) {
            boolean found = values.stream().anyMatch(value -> !value.isNull());
            return present ? found : !found && messageHasFields;
        }
    }
}
