package com.flightbooking.kit.consumer.filter;

import static com.flightbooking.kit.consumer.filter.AttributeValue.number;
import static com.flightbooking.kit.consumer.filter.AttributeValue.string;
import static com.flightbooking.kit.consumer.filter.AttributeValue.stringArray;
import static com.flightbooking.kit.consumer.filter.FilterPolicy.Scope.MESSAGE_ATTRIBUTES;
import static com.flightbooking.kit.consumer.filter.FilterPolicy.Scope.MESSAGE_BODY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/** Policies are written with single quotes for readability; {@link #json} turns them into JSON. */
class FilterPolicyTest {

    static Stream<Arguments> attributeCases() {
        return Stream.of(
                // exact string: case-sensitive, OR across a key's values
                arguments("{'event':['order_placed']}", Map.of("event", string("order_placed")), true),
                arguments("{'event':['order_placed']}", Map.of("event", string("order_cancelled")), false),
                arguments("{'event':['order_placed']}", Map.of("event", string("ORDER_PLACED")), false),
                arguments("{'event':['order_placed']}", Map.of("store", string("order_placed")), false),
                arguments("{'event':['order_placed','order_cancelled']}", Map.of("event", string("order_cancelled")),
                        true),
                // AND across keys
                arguments("{'event':['order_placed'],'store':['example_corp']}",
                        Map.of("event", string("order_placed"), "store", string("example_corp")), true),
                arguments("{'event':['order_placed'],'store':['example_corp']}",
                        Map.of("event", string("order_placed"), "store", string("other")), false),
                arguments("{'event':['order_placed'],'store':['example_corp']}",
                        Map.of("event", string("order_placed")), false),
                // exact number, compared numerically; strings and numbers never match each other
                arguments("{'price':[301.5]}", Map.of("price", number("301.5")), true),
                arguments("{'price':[301.5]}", Map.of("price", number("3.015e2")), true),
                arguments("{'price':[301.5]}", Map.of("price", number("301.50")), true),
                arguments("{'price':[301.5]}", Map.of("price", number("301")), false),
                arguments("{'price':[100]}", Map.of("price", string("100")), false),
                arguments("{'price':['100']}", Map.of("price", number("100")), false),
                // prefix and suffix
                arguments("{'store':[{'prefix':'exa'}]}", Map.of("store", string("example_corp")), true),
                arguments("{'store':[{'prefix':'exa'}]}", Map.of("store", string("an_example")), false),
                arguments("{'store':[{'prefix':'10'}]}", Map.of("store", number("100")), false),
                arguments("{'store':[{'suffix':'_corp'}]}", Map.of("store", string("example_corp")), true),
                arguments("{'store':[{'suffix':'_corp'}]}", Map.of("store", string("example_corp_2")), false),
                // equals-ignore-case
                arguments("{'event':[{'equals-ignore-case':'Order_Placed'}]}", Map.of("event", string("ORDER_PLACED")),
                        true),
                arguments("{'event':[{'equals-ignore-case':'Order_Placed'}]}", Map.of("event", string("order_placed!")),
                        false),
                // anything-but: single value, list, numbers, prefix, suffix; never matches an absent key
                arguments("{'event':[{'anything-but':'order_placed'}]}", Map.of("event", string("order_cancelled")),
                        true),
                arguments("{'event':[{'anything-but':'order_placed'}]}", Map.of("event", string("order_placed")),
                        false),
                arguments("{'event':[{'anything-but':'order_placed'}]}", Map.of("store", string("x")), false),
                arguments("{'event':[{'anything-but':['order_placed','order_cancelled']}]}",
                        Map.of("event", string("order_shipped")), true),
                arguments("{'event':[{'anything-but':['order_placed','order_cancelled']}]}",
                        Map.of("event", string("order_cancelled")), false),
                arguments("{'price':[{'anything-but':[100,500]}]}", Map.of("price", number("101")), true),
                arguments("{'price':[{'anything-but':[100,500]}]}", Map.of("price", number("1e2")), false),
                arguments("{'price':[{'anything-but':100}]}", Map.of("price", number("100.0")), false),
                arguments("{'store':[{'anything-but':{'prefix':'example'}}]}", Map.of("store", string("other")), true),
                arguments("{'store':[{'anything-but':{'prefix':'example'}}]}",
                        Map.of("store", string("example_corp")), false),
                arguments("{'store':[{'anything-but':{'suffix':'_corp'}}]}", Map.of("store", string("shop")), true),
                arguments("{'store':[{'anything-but':{'suffix':'_corp'}}]}",
                        Map.of("store", string("example_corp")), false),
                // numeric: =, <, <=, >, >= and ranges, on Number attributes only
                arguments("{'price':[{'numeric':['=',301.5]}]}", Map.of("price", number("3.015e2")), true),
                arguments("{'price':[{'numeric':['=',301.5]}]}", Map.of("price", number("301.51")), false),
                arguments("{'price':[{'numeric':['=',301.5]}]}", Map.of("price", string("301.5")), false),
                arguments("{'price':[{'numeric':['<',0]}]}", Map.of("price", number("-0.5")), true),
                arguments("{'price':[{'numeric':['<',0]}]}", Map.of("price", number("0")), false),
                arguments("{'price':[{'numeric':['<=',0]}]}", Map.of("price", number("0")), true),
                arguments("{'price':[{'numeric':['<=',0]}]}", Map.of("price", number("0.1")), false),
                arguments("{'price':[{'numeric':['>',10]}]}", Map.of("price", number("10.00001")), true),
                arguments("{'price':[{'numeric':['>',10]}]}", Map.of("price", number("10")), false),
                arguments("{'price':[{'numeric':['>=',10]}]}", Map.of("price", number("10")), true),
                arguments("{'price':[{'numeric':['>=',10]}]}", Map.of("price", number("9.99")), false),
                arguments("{'price':[{'numeric':['>',0,'<=',150]}]}", Map.of("price", number("150")), true),
                arguments("{'price':[{'numeric':['>',0,'<=',150]}]}", Map.of("price", number("75")), true),
                arguments("{'price':[{'numeric':['>',0,'<=',150]}]}", Map.of("price", number("0")), false),
                arguments("{'price':[{'numeric':['>',0,'<=',150]}]}", Map.of("price", number("150.01")), false),
                arguments("{'price':[{'numeric':['<',10,'>=',5]}]}", Map.of("price", number("5")), true),
                arguments("{'price':[{'numeric':['<',10,'>=',5]}]}", Map.of("price", number("10")), false),
                arguments("{'price':[{'numeric':['>',0]}]}", Map.of("store", string("x")), false),
                // exists: false needs the message to carry at least one attribute
                arguments("{'store':[{'exists':true}]}", Map.of("store", string("x")), true),
                arguments("{'store':[{'exists':true}]}", Map.of("event", string("x")), false),
                arguments("{'store':[{'exists':false}]}", Map.of("event", string("x")), true),
                arguments("{'store':[{'exists':false}]}", Map.of("store", string("x")), false),
                arguments("{'store':[{'exists':false}]}", Map.of(), false),
                arguments("{'store':[{'anything-but':'x'},{'exists':false}]}", Map.of("event", string("e")), true),
                arguments("{'store':[{'anything-but':'x'},{'exists':false}]}", Map.of("store", string("y")), true),
                arguments("{'store':[{'anything-but':'x'},{'exists':false}]}", Map.of("store", string("x")), false),
                // $or, alone, next to other keys, and nested in an alternative
                arguments("{'$or':[{'store':['s']},{'price':[{'numeric':['>',1000]}]}]}",
                        Map.of("store", string("s")), true),
                arguments("{'$or':[{'store':['s']},{'price':[{'numeric':['>',1000]}]}]}",
                        Map.of("price", number("2000")), true),
                arguments("{'$or':[{'store':['s']},{'price':[{'numeric':['>',1000]}]}]}",
                        Map.of("store", string("t"), "price", number("20")), false),
                arguments("{'event':['e'],'$or':[{'a':['1']},{'b':['2']}]}",
                        Map.of("event", string("e"), "b", string("2")), true),
                arguments("{'event':['e'],'$or':[{'a':['1']},{'b':['2']}]}", Map.of("b", string("2")), false),
                arguments("{'event':['e'],'$or':[{'a':['1']},{'b':['2']}]}", Map.of("event", string("e")), false),
                arguments("{'$or':[{'a':['1']},{'b':['2'],'$or':[{'c':['3']},{'d':['4']}]}]}",
                        Map.of("b", string("2"), "d", string("4")), true),
                arguments("{'$or':[{'a':['1']},{'b':['2'],'$or':[{'c':['3']},{'d':['4']}]}]}",
                        Map.of("b", string("2")), false),
                // String.Array: any element may match
                arguments("{'interests':['rugby','tennis']}",
                        Map.of("interests", stringArray("[\"soccer\",\"rugby\"]")), true),
                arguments("{'interests':['rugby','tennis']}",
                        Map.of("interests", stringArray("[\"baseball\"]")), false),
                arguments("{'interests':[{'prefix':'rug'}]}", Map.of("interests", stringArray("[\"golf\",\"rugby\"]")),
                        true),
                arguments("{'interests':[{'anything-but':['rugby','tennis']}]}",
                        Map.of("interests", stringArray("[\"rugby\",\"baseball\"]")), true),
                arguments("{'interests':[{'anything-but':['rugby','tennis']}]}",
                        Map.of("interests", stringArray("[\"rugby\",\"tennis\"]")), false),
                arguments("{'scores':[{'numeric':['>',10]}]}", Map.of("scores", stringArray("[1, 20]")), true),
                arguments("{'scores':[{'numeric':['>',10]}]}", Map.of("scores", stringArray("[1, 2]")), false),
                arguments("{'interests':[{'exists':true}]}", Map.of("interests", stringArray("[]")), false),
                arguments("{'tags':['not-json']}", Map.of("tags", stringArray("not-json")), true));
    }

    @ParameterizedTest(name = "{0} on {1}: {2}")
    @MethodSource("attributeCases")
    void matchesMessageAttributes(String policy, Map<String, AttributeValue> attributes, boolean expected) {
        FilterPolicy filter = FilterPolicy.parse(json(policy), MESSAGE_ATTRIBUTES);

        assertThat(filter.matches(attributes, "{\"ignored\": \"in attribute scope\"}")).isEqualTo(expected);
    }

    static Stream<Arguments> bodyCases() {
        return Stream.of(
                arguments("{'event':['order_placed']}", "{'event':'order_placed'}", true),
                arguments("{'event':['order_placed']}", "{'event':'order_cancelled'}", false),
                arguments("{'event':['order_placed'],'store':['s']}", "{'event':'order_placed','store':'s'}", true),
                arguments("{'event':['order_placed'],'store':['s']}", "{'event':'order_placed'}", false),
                // nested keys, and a dotted key is a key, not a path
                arguments("{'order':{'status':['confirmed']}}", "{'order':{'status':'confirmed'}}", true),
                arguments("{'order':{'status':['confirmed']}}", "{'status':'confirmed'}", false),
                arguments("{'order':{'status':['confirmed']}}", "{'order':'confirmed'}", false),
                arguments("{'order':{'customer':{'tier':[{'prefix':'gold'}]}}}",
                        "{'order':{'customer':{'tier':'gold-plus'}}}", true),
                arguments("{'a.b':['x']}", "{'a':{'b':'x'}}", false),
                arguments("{'a.b':['x']}", "{'a.b':'x'}", true),
                // arrays: any element matches, also along the path
                arguments("{'interests':['rugby']}", "{'interests':['soccer','rugby']}", true),
                arguments("{'interests':['rugby']}", "{'interests':[]}", false),
                arguments("{'items':{'price':[{'numeric':['>',500]}]}}", "{'items':[{'price':100},{'price':900}]}",
                        true),
                arguments("{'items':{'price':[{'numeric':['>',500]}]}}", "{'items':[{'price':100},{'price':200}]}",
                        false),
                // numbers compared numerically, never against strings
                arguments("{'price':[100]}", "{'price':1e2}", true),
                arguments("{'price':[100]}", "{'price':'100'}", false),
                arguments("{'price':[{'numeric':['>=',100,'<',200]}]}", "{'price':100.0}", true),
                arguments("{'price':[{'numeric':['>=',100,'<',200]}]}", "{'price':200}", false),
                arguments("{'price':[{'numeric':['>=',100]}]}", "{'price':'150'}", false),
                arguments("{'price':[{'anything-but':[100,500]}]}", "{'price':[100,50]}", true),
                arguments("{'price':[{'anything-but':[100,500]}]}", "{'price':100}", false),
                // true, false and null are literals of their own type
                arguments("{'paid':[true]}", "{'paid':true}", true),
                arguments("{'paid':[true]}", "{'paid':'true'}", false),
                arguments("{'paid':[true]}", "{'paid':false}", false),
                arguments("{'coupon':[null]}", "{'coupon':null}", true),
                arguments("{'coupon':[null]}", "{'other':1}", false),
                // string operators
                arguments("{'event':[{'suffix':'_refunded'}]}", "{'event':'order_refunded'}", true),
                arguments("{'event':[{'equals-ignore-case':'ORDER_PLACED'}]}", "{'event':'Order_Placed'}", true),
                arguments("{'event':[{'anything-but':['a','b']}]}", "{'event':'c'}", true),
                arguments("{'event':[{'anything-but':['a','b']}]}", "{'event':['a','c']}", true),
                arguments("{'event':[{'anything-but':['a','b']}]}", "{'event':['a','b']}", false),
                arguments("{'event':[{'anything-but':['a','b']}]}", "{'other':'c'}", false),
                arguments("{'event':[{'anything-but':{'prefix':'order_'}}]}", "{'event':'refund'}", true),
                // exists works on leaf values only; null and [] hold none
                arguments("{'coupon':[{'exists':true}]}", "{'coupon':'SAVE10'}", true),
                arguments("{'coupon':[{'exists':true}]}", "{'coupon':null}", false),
                arguments("{'coupon':[{'exists':true}]}", "{'coupon':[]}", false),
                arguments("{'coupon':[{'exists':true}]}", "{'coupon':{'code':'SAVE10'}}", false),
                arguments("{'coupon':[{'exists':false}]}", "{'other':1}", true),
                arguments("{'coupon':[{'exists':false}]}", "{'coupon':null}", true),
                arguments("{'coupon':[{'exists':false}]}", "{'coupon':'SAVE10'}", false),
                arguments("{'coupon':[{'exists':false}]}", "{}", false),
                arguments("{'order':{'coupon':[{'exists':false}]}}", "{'order':{'total':1}}", true),
                arguments("{'order':{'coupon':[{'exists':false}]}}", "{'other':1}", true),
                // $or at the top, across nested keys, and under a nested key
                arguments("{'$or':[{'order':{'status':['cancelled']}},{'event':[{'suffix':'_refunded'}]}]}",
                        "{'order':{'status':'cancelled'}}", true),
                arguments("{'$or':[{'order':{'status':['cancelled']}},{'event':[{'suffix':'_refunded'}]}]}",
                        "{'event':'order_refunded'}", true),
                arguments("{'$or':[{'order':{'status':['cancelled']}},{'event':[{'suffix':'_refunded'}]}]}",
                        "{'status':'cancelled'}", false),
                arguments("{'order':{'$or':[{'status':['cancelled']},{'total':[{'numeric':['<',10]}]}]}}",
                        "{'order':{'status':'confirmed','total':5}}", true),
                arguments("{'order':{'$or':[{'status':['cancelled']},{'total':[{'numeric':['<',10]}]}]}}",
                        "{'order':{'status':'confirmed','total':50}}", false),
                arguments("{'order':{'$or':[{'status':['cancelled']},{'total':[{'numeric':['<',10]}]}]}}",
                        "{'status':'cancelled'}", false));
    }

    @ParameterizedTest(name = "{0} on {1}: {2}")
    @MethodSource("bodyCases")
    void matchesMessageBody(String policy, String body, boolean expected) {
        FilterPolicy filter = FilterPolicy.parse(json(policy), MESSAGE_BODY);

        assertThat(filter.matches(Map.of("ignored", string("in body scope")), json(body))).isEqualTo(expected);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = { "not json", "", "   ", "[\"order_placed\"]", "\"order_placed\"", "42",
            "{\"event\":\"order_placed\"", "{\"event\":\"order_placed\"} trailing" })
    void neverMatchesABodyThatIsNotAJsonObject(String body) {
        FilterPolicy filter = FilterPolicy.parse(json("{'coupon':[{'exists':false}]}"), MESSAGE_BODY);

        assertThat(filter.matches(Map.of(), body)).isFalse();
    }

    static Stream<Arguments> malformedPolicies() {
        return Stream.of(
                arguments("not json", MESSAGE_ATTRIBUTES, "not valid JSON"),
                arguments("{'a':['1'],'a':['2']}", MESSAGE_ATTRIBUTES, "not valid JSON"),
                arguments("{'a':['1']} {'b':['2']}", MESSAGE_ATTRIBUTES, "not valid JSON"),
                arguments("['a']", MESSAGE_ATTRIBUTES, "the policy must be a JSON object"),
                arguments("{'event':'order_placed'}", MESSAGE_ATTRIBUTES,
                        "key 'event' must be an array of conditions, found string"),
                arguments("{'event':[]}", MESSAGE_ATTRIBUTES, "key 'event' has an empty condition array"),
                arguments("{'event':[['a']]}", MESSAGE_ATTRIBUTES, "key 'event' has an array inside its condition"),
                arguments("{'order':{'status':['x']}}", MESSAGE_ATTRIBUTES,
                        "key 'order' is a nested object, which only the MESSAGE_BODY scope allows"),
                arguments("{'store':{'prefix':'x'}}", MESSAGE_ATTRIBUTES, "wrap it in an array"),
                arguments("{'order':{}}", MESSAGE_BODY, "key 'order' is an empty object"),
                arguments("{'order':{'status':'x'}}", MESSAGE_BODY,
                        "key 'order.status' must be an array of conditions or a nested object"),
                arguments("{'store':{'prefix':'x'}}", MESSAGE_BODY,
                        "key 'store' puts operator 'prefix' outside a condition array"),
                arguments("{'event':[{}]}", MESSAGE_ATTRIBUTES, "condition object with 0 operators"),
                arguments("{'event':[{'prefix':'a','suffix':'b'}]}", MESSAGE_ATTRIBUTES,
                        "condition object with 2 operators"),
                arguments("{'event':[{'wildcard':'a*'}]}", MESSAGE_ATTRIBUTES, "unsupported operator 'wildcard'"),
                arguments("{'event':[{'prefix':1}]}", MESSAGE_ATTRIBUTES, "'prefix' whose value is not a string"),
                arguments("{'event':[{'suffix':true}]}", MESSAGE_ATTRIBUTES, "'suffix' whose value is not a string"),
                arguments("{'event':[{'equals-ignore-case':null}]}", MESSAGE_ATTRIBUTES,
                        "'equals-ignore-case' whose value is not a string"),
                arguments("{'event':[{'anything-but':[]}]}", MESSAGE_ATTRIBUTES, "'anything-but' that is not"),
                arguments("{'event':[{'anything-but':true}]}", MESSAGE_ATTRIBUTES, "'anything-but' that is not"),
                arguments("{'event':[{'anything-but':[true]}]}", MESSAGE_ATTRIBUTES,
                        "'anything-but' list holding something other than strings and numbers"),
                arguments("{'event':[{'anything-but':{'equals-ignore-case':'x'}}]}", MESSAGE_ATTRIBUTES,
                        "'anything-but' that is not"),
                arguments("{'event':[{'anything-but':{'prefix':1}}]}", MESSAGE_ATTRIBUTES,
                        "'anything-but prefix' whose value is not a string"),
                arguments("{'price':[{'numeric':'>'}]}", MESSAGE_ATTRIBUTES,
                        "'numeric' that is not [operator, number]"),
                arguments("{'price':[{'numeric':['>']}]}", MESSAGE_ATTRIBUTES, "'numeric' that is not [operator"),
                arguments("{'price':[{'numeric':['>','1']}]}", MESSAGE_ATTRIBUTES,
                        "'numeric' operand that is not a number"),
                arguments("{'price':[{'numeric':['~',1]}]}", MESSAGE_ATTRIBUTES, "unknown comparison \"~\""),
                arguments("{'price':[{'numeric':['>',1,'>=',2]}]}", MESSAGE_ATTRIBUTES, "two lower bounds"),
                arguments("{'price':[{'numeric':['<',1,'<=',2]}]}", MESSAGE_ATTRIBUTES, "two upper bounds"),
                arguments("{'price':[{'numeric':['=',1,'<',2]}]}", MESSAGE_ATTRIBUTES, "combines '='"),
                arguments("{'price':[{'numeric':['>',10,'<',5]}]}", MESSAGE_ATTRIBUTES, "no number can satisfy"),
                arguments("{'price':[{'numeric':['>',5,'<',5]}]}", MESSAGE_ATTRIBUTES, "no number can satisfy"),
                arguments("{'price':[{'numeric':['>',1e10]}]}", MESSAGE_ATTRIBUTES, "outside -1e9..1e9"),
                arguments("{'store':[{'exists':'yes'}]}", MESSAGE_ATTRIBUTES,
                        "'exists' with a value other than true or false"),
                arguments("{'$or':[{'a':['1']}]}", MESSAGE_ATTRIBUTES, "'$or' that is not an array of at least two"),
                arguments("{'$or':{'a':['1']}}", MESSAGE_ATTRIBUTES, "'$or' that is not an array of at least two"),
                arguments("{'$or':[{'a':['1']},{}]}", MESSAGE_ATTRIBUTES, "'$or' alternative that is not a non-empty"),
                arguments("{'$or':[{'numeric':[1]},{'prefix':['a']}]}", MESSAGE_ATTRIBUTES,
                        "'$or' alternative keyed by operator 'numeric'"),
                arguments("{'$or':[{'a':{'b':['1']}},{'c':['2']}]}", MESSAGE_ATTRIBUTES,
                        "key 'a' is a nested object"),
                arguments("{'order':{'total':[{'numeric':['>','1']}]}}", MESSAGE_BODY,
                        "key 'order.total' has a 'numeric' operand that is not a number"));
    }

    @ParameterizedTest(name = "{1} {0}")
    @MethodSource("malformedPolicies")
    void refusesMalformedPoliciesNamingTheProblem(String policy, FilterPolicy.Scope scope, String problem) {
        assertThatThrownBy(() -> FilterPolicy.parse(json(policy), scope))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid filter policy: ")
                .hasMessageContaining(problem);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = { "not json", "{\"event\":\"order_placed\"}" })
    void acceptAllMatchesEveryMessage(String body) {
        FilterPolicy all = FilterPolicy.acceptAll();

        assertThat(all.matches(Map.of(), body)).isTrue();
        assertThat(all.matches(Map.of("event", string("anything")), body)).isTrue();
        assertThat(all.acceptsAll()).isTrue();
        assertThat(all.json()).isEqualTo("{}");
    }

    @Test
    void anEmptyPolicyAcceptsAllInEitherScope() {
        FilterPolicy empty = FilterPolicy.parse(" { } ", MESSAGE_BODY);

        assertThat(empty.acceptsAll()).isTrue();
        assertThat(empty.matches(null, "not json")).isTrue();
    }

    @Test
    void keepsTheOriginalJsonAndScopeForTheSubscription() {
        String policy = "{\n  \"event\": [\"order_placed\"],\n  \"price\": [{\"numeric\": [\">\", 0]}]\n}";

        FilterPolicy filter = FilterPolicy.parse(policy, MESSAGE_BODY);

        assertThat(filter.json()).isEqualTo(policy);
        assertThat(filter.scope().awsName()).isEqualTo("MessageBody");
        assertThat(MESSAGE_ATTRIBUTES.awsName()).isEqualTo("MessageAttributes");
        assertThat(filter.acceptsAll()).isFalse();
    }

    @Test
    void eachScopeLooksOnlyAtItsOwnPartOfTheMessage() {
        Map<String, AttributeValue> attributes = Map.of("event", string("order_placed"));
        String body = "{\"event\":\"order_placed\"}";
        String policy = json("{'event':['order_placed']}");

        assertThat(FilterPolicy.parse(policy, MESSAGE_ATTRIBUTES).matches(attributes, null)).isTrue();
        assertThat(FilterPolicy.parse(policy, MESSAGE_ATTRIBUTES).matches(Map.of(), body)).isFalse();
        assertThat(FilterPolicy.parse(policy, MESSAGE_BODY).matches(null, body)).isTrue();
        assertThat(FilterPolicy.parse(policy, MESSAGE_BODY).matches(attributes, "{}")).isFalse();
    }

    @Test
    void convertsSqsAttributesKeepingOnlyThoseSnsFiltersOn() {
        Map<String, MessageAttributeValue> sqs = Map.of(
                "event", sqsAttribute("String", "order_placed"),
                "id", sqsAttribute("String.uuid", "5d1f0c9a"),
                "price", sqsAttribute("Number.float", "1.5"),
                "interests", sqsAttribute("String.Array", "[\"rugby\"]"),
                "blob", MessageAttributeValue.builder().dataType("Binary")
                        .binaryValue(SdkBytes.fromUtf8String("x")).build());

        assertThat(AttributeValue.fromSqs(sqs)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "event", string("order_placed"),
                "id", string("5d1f0c9a"),
                "price", number("1.5"),
                "interests", stringArray("[\"rugby\"]")));
    }

    @Test
    void matchesAReceivedSqsMessage() {
        Message message = Message.builder()
                .body("{\"order\":{\"total\":120}}")
                .messageAttributes(Map.of("interests", sqsAttribute("String.Array", "[\"soccer\",\"rugby\"]")))
                .build();

        assertThat(FilterPolicy.parse(json("{'interests':['rugby']}"), MESSAGE_ATTRIBUTES).matches(message)).isTrue();
        assertThat(FilterPolicy.parse(json("{'order':{'total':[{'numeric':['>',100]}]}}"), MESSAGE_BODY)
                .matches(message)).isTrue();
        assertThat(FilterPolicy.parse(json("{'order':{'total':[{'numeric':['>',200]}]}}"), MESSAGE_BODY)
                .matches(message)).isFalse();
    }

    private static MessageAttributeValue sqsAttribute(String dataType, String value) {
        return MessageAttributeValue.builder().dataType(dataType).stringValue(value).build();
    }

    private static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }
}
