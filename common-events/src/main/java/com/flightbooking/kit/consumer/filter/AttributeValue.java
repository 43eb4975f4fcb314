package com.flightbooking.kit.consumer.filter;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * One message attribute as a filter policy sees it: its data type and its value as text, exactly as SNS and SQS
 * carry it ({@code "42"} for a Number, {@code "[\"a\",\"b\"]"} for a String.Array).
 */
public record AttributeValue(DataType dataType, String value) {

    /** The data types a filter policy can match; SNS ignores Binary attributes when filtering. */
    public enum DataType {
        STRING("String"),
        NUMBER("Number"),
        STRING_ARRAY("String.Array");

        private final String awsName;

        DataType(String awsName) {
            this.awsName = awsName;
        }

        /** The name SNS and SQS use for the type, e.g. {@code String.Array}. */
        public String awsName() {
            return awsName;
        }
    }

    public AttributeValue {
        Objects.requireNonNull(dataType, "dataType");
        Objects.requireNonNull(value, "value");
    }

    public static AttributeValue string(String value) {
        return new AttributeValue(DataType.STRING, value);
    }

    public static AttributeValue number(String value) {
        return new AttributeValue(DataType.NUMBER, value);
    }

    public static AttributeValue number(Number value) {
        return new AttributeValue(DataType.NUMBER, value.toString());
    }

    /** @param jsonArray the array as JSON text, as SNS carries it: {@code ["rugby", "tennis"]} */
    public static AttributeValue stringArray(String jsonArray) {
        return new AttributeValue(DataType.STRING_ARRAY, jsonArray);
    }

    /**
     * The attribute for an SNS/SQS data type name. Custom types ({@code Number.float}, {@code String.uuid}) count as
     * their base type; Binary and unknown types give nothing, as SNS does not filter on them.
     */
    public static Optional<AttributeValue> of(String awsDataType, String value) {
        if (awsDataType == null || value == null) {
            return Optional.empty();
        }
        if (awsDataType.equals(DataType.STRING_ARRAY.awsName())) {
            return Optional.of(stringArray(value));
        }
        if (isType(awsDataType, DataType.STRING.awsName())) {
            return Optional.of(string(value));
        }
        if (isType(awsDataType, DataType.NUMBER.awsName())) {
            return Optional.of(number(value));
        }
        return Optional.empty();
    }

    /** The attributes of a received SQS message, without those SNS cannot filter on. */
    public static Map<String, AttributeValue> fromSqs(Map<String, MessageAttributeValue> attributes) {
        Map<String, AttributeValue> converted = new HashMap<>();
        attributes.forEach((name, attribute) -> of(attribute.dataType(), attribute.stringValue())
                .ifPresent(value -> converted.put(name, value)));
        return Map.copyOf(converted);
    }

    private static boolean isType(String awsDataType, String baseType) {
        return awsDataType.equals(baseType) || awsDataType.startsWith(baseType + ".");
    }
}
