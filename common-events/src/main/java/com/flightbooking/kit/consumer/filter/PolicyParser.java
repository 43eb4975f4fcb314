package com.flightbooking.kit.consumer.filter;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.flightbooking.kit.consumer.filter.Condition.AnythingBut;
import com.flightbooking.kit.consumer.filter.Condition.Equals;
import com.flightbooking.kit.consumer.filter.Condition.EqualsIgnoreCase;
import com.flightbooking.kit.consumer.filter.Condition.Exists;
import com.flightbooking.kit.consumer.filter.Condition.NumericRange;
import com.flightbooking.kit.consumer.filter.Condition.OnValue;
import com.flightbooking.kit.consumer.filter.Condition.Prefix;
import com.flightbooking.kit.consumer.filter.Condition.Suffix;

/** Turns SNS filter-policy JSON into a {@link PolicyRule}, rejecting anything SNS would not accept as a policy. */
final class PolicyParser {

    private static final String OR = "$or";
    private static final Set<String> OPERATORS = Set.of("prefix", "suffix", "equals-ignore-case", "anything-but",
            "numeric", "exists");
    // SNS accepts numeric operands from -10^9 to 10^9 only.
    private static final BigDecimal NUMERIC_LIMIT = new BigDecimal("1E9");

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final FilterPolicy.Scope scope;

    private PolicyParser(FilterPolicy.Scope scope) {
        this.scope = scope;
    }

    /** @throws IllegalArgumentException naming the first problem found */
    static PolicyRule parse(String json, FilterPolicy.Scope scope) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Invalid filter policy: not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw invalid(List.of(), "must be a JSON object");
        }
        return new PolicyParser(scope).rule(root, List.of());
    }

    private PolicyRule rule(JsonNode object, List<String> prefix) {
        List<FieldRule> fields = new ArrayList<>();
        List<List<PolicyRule>> anyOf = new ArrayList<>();
        collect(object, prefix, fields, anyOf);
        return new PolicyRule(fields, anyOf);
    }

    private void collect(JsonNode object, List<String> prefix, List<FieldRule> fields,
            List<List<PolicyRule>> anyOf) {
        for (Map.Entry<String, JsonNode> entry : object.properties()) {
            JsonNode value = entry.getValue();
            if (entry.getKey().equals(OR)) {
                anyOf.add(alternatives(value, prefix));
                continue;
            }
            List<String> path = Stream.concat(prefix.stream(), Stream.of(entry.getKey())).toList();
            if (value.isArray()) {
                fields.add(new FieldRule(path, conditions(value, path)));
            } else if (value.isObject() && scope == FilterPolicy.Scope.MESSAGE_BODY) {
                if (value.isEmpty()) {
                    throw invalid(path, "is an empty object");
                }
                collect(value, path, fields, anyOf);
            } else if (value.isObject()) {
                throw invalid(path, "is a nested object, which only the MESSAGE_BODY scope allows (for an operator, "
                        + "wrap it in an array: [{\"prefix\": ...}])");
            } else if (OPERATORS.contains(entry.getKey()) && !prefix.isEmpty()) {
                throw invalid(prefix, "puts operator '" + entry.getKey() + "' outside a condition array: write "
                        + "[{\"" + entry.getKey() + "\": ...}]");
            } else {
                throw invalid(path, "must be an array of conditions"
                        + (scope == FilterPolicy.Scope.MESSAGE_BODY ? " or a nested object" : "")
                        + ", found " + value.getNodeType().name().toLowerCase(Locale.ROOT));
            }
        }
    }

    private List<PolicyRule> alternatives(JsonNode value, List<String> prefix) {
        // SNS would read a "$or" of any other shape as a plain key named "$or"; a policy relying on that is a
        // mistake far more often than not, so it is refused.
        if (!value.isArray() || value.size() < 2) {
            throw invalid(prefix, "has a '$or' that is not an array of at least two policy objects");
        }
        List<PolicyRule> alternatives = new ArrayList<>();
        for (JsonNode alternative : value) {
            if (!alternative.isObject() || alternative.isEmpty()) {
                throw invalid(prefix, "has a '$or' alternative that is not a non-empty object");
            }
            for (Map.Entry<String, JsonNode> field : alternative.properties()) {
                if (OPERATORS.contains(field.getKey())) {
                    throw invalid(prefix, "has a '$or' alternative keyed by operator '" + field.getKey()
                            + "': operators belong in a condition array");
                }
            }
            alternatives.add(rule(alternative, prefix));
        }
        return alternatives;
    }

    private List<Condition> conditions(JsonNode array, List<String> path) {
        if (array.isEmpty()) {
            throw invalid(path, "has an empty condition array");
        }
        List<Condition> conditions = new ArrayList<>();
        for (JsonNode element : array) {
            if (element.isObject()) {
                conditions.add(operator(element, path));
            } else if (element.isArray()) {
                throw invalid(path, "has an array inside its condition array");
            } else {
                conditions.add(new Equals(element));
            }
        }
        return conditions;
    }

    private Condition operator(JsonNode object, List<String> path) {
        if (object.size() != 1) {
            throw invalid(path, "has a condition object with " + object.size()
                    + " operators; it must hold exactly one");
        }
        Map.Entry<String, JsonNode> operator = object.properties().iterator().next();
        JsonNode operand = operator.getValue();
        return switch (operator.getKey()) {
            case "prefix" -> new Prefix(text(operand, "prefix", path));
            case "suffix" -> new Suffix(text(operand, "suffix", path));
            case "equals-ignore-case" -> new EqualsIgnoreCase(text(operand, "equals-ignore-case", path));
            case "anything-but" -> new AnythingBut(anythingBut(operand, path));
            case "numeric" -> numeric(operand, path);
            case "exists" -> {
                if (!operand.isBoolean()) {
                    throw invalid(path, "has 'exists' with a value other than true or false");
                }
                yield new Exists(operand.booleanValue());
            }
            default -> throw invalid(path, "uses unsupported operator '" + operator.getKey() + "' (supported: "
                    + String.join(", ", OPERATORS.stream().sorted().toList()) + ")");
        };
    }

    private List<OnValue> anythingBut(JsonNode operand, List<String> path) {
        if (operand.isTextual() || operand.isNumber()) {
            return List.of(new Equals(operand));
        }
        if (operand.isArray() && !operand.isEmpty()) {
            List<OnValue> excluded = new ArrayList<>();
            for (JsonNode value : operand) {
                if (!value.isTextual() && !value.isNumber()) {
                    throw invalid(path, "has an 'anything-but' list holding something other than strings and numbers");
                }
                excluded.add(new Equals(value));
            }
            return excluded;
        }
        if (operand.isObject() && operand.size() == 1) {
            if (operand.has("prefix")) {
                return List.of(new Prefix(text(operand.get("prefix"), "anything-but prefix", path)));
            }
            if (operand.has("suffix")) {
                return List.of(new Suffix(text(operand.get("suffix"), "anything-but suffix", path)));
            }
        }
        throw invalid(path, "has an 'anything-but' that is not a string, a number, a non-empty list of them, "
                + "{\"prefix\": ...} or {\"suffix\": ...}");
    }

    private NumericRange numeric(JsonNode operand, List<String> path) {
        if (!operand.isArray() || operand.size() != 2 && operand.size() != 4) {
            throw invalid(path, "has a 'numeric' that is not [operator, number] or [operator, number, operator, "
                    + "number]");
        }
        BigDecimal lower = null;
        BigDecimal upper = null;
        boolean lowerInclusive = false;
        boolean upperInclusive = false;
        for (int i = 0; i < operand.size(); i += 2) {
            String comparison = operand.get(i).isTextual() ? operand.get(i).textValue() : "";
            BigDecimal number = numericOperand(operand.get(i + 1), path);
            switch (comparison) {
                case "=" -> {
                    if (operand.size() != 2) {
                        throw invalid(path, "has a 'numeric' that combines '=' with another comparison");
                    }
                    return new NumericRange(number, true, number, true);
                }
                case ">", ">=" -> {
                    if (lower != null) {
                        throw invalid(path, "has a 'numeric' with two lower bounds");
                    }
                    lower = number;
                    lowerInclusive = comparison.equals(">=");
                }
                case "<", "<=" -> {
                    if (upper != null) {
                        throw invalid(path, "has a 'numeric' with two upper bounds");
                    }
                    upper = number;
                    upperInclusive = comparison.equals("<=");
                }
                default -> throw invalid(path, "has a 'numeric' with unknown comparison " + operand.get(i)
                        + " (use =, <, <=, > or >=)");
            }
        }
        if (lower != null && upper != null) {
            int order = lower.compareTo(upper);
            if (order > 0 || order == 0 && !(lowerInclusive && upperInclusive)) {
                throw invalid(path, "has a 'numeric' range that no number can satisfy");
            }
        }
        return new NumericRange(lower, lowerInclusive, upper, upperInclusive);
    }

    private static BigDecimal numericOperand(JsonNode operand, List<String> path) {
        if (!operand.isNumber()) {
            throw invalid(path, "has a 'numeric' operand that is not a number: " + operand);
        }
        BigDecimal number = operand.decimalValue();
        if (number.abs().compareTo(NUMERIC_LIMIT) > 0) {
            throw invalid(path, "has a 'numeric' operand outside -1e9..1e9: " + operand);
        }
        return number;
    }

    private static String text(JsonNode operand, String operator, List<String> path) {
        if (!operand.isTextual()) {
            throw invalid(path, "has a '" + operator + "' whose value is not a string");
        }
        return operand.textValue();
    }

    private static IllegalArgumentException invalid(List<String> path, String problem) {
        String where = path.isEmpty() ? "the policy" : "key '" + String.join(".", path) + "'";
        return new IllegalArgumentException("Invalid filter policy: " + where + " " + problem);
    }
}
