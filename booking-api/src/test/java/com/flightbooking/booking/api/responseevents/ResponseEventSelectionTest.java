package com.flightbooking.booking.api.responseevents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.flightbooking.events.HttpResponseSent;

/** Which responses become events, and what of them: plain unit tests of the rules, templates and payload. */
class ResponseEventSelectionTest {

    private static final ObservedResponse GET_BOOKING = response("GET", "/bookings/{id}", "/bookings/b-1", 200);
    private static final ObservedResponse POST_BOOKING = response("POST", "/bookings", "/bookings", 202);
    private static final ObservedResponse CANCEL_CONFLICT = response("POST", "/bookings/{id}/cancel",
            "/bookings/b-1/cancel", 409);
    private static final ObservedResponse HEALTH = response("GET", null, "/q/health", 200);
    private static final ObservedResponse UNKNOWN_PATH = response("GET", null, "/nowhere", 404);

    @Test
    void byDefaultEverythingButTheNonApplicationEndpointsIsPublished() {
        ConfiguredSelection selection = new ConfiguredSelection(List.of(), List.of("/q/*"));

        assertThat(List.of(GET_BOOKING, POST_BOOKING, CANCEL_CONFLICT, UNKNOWN_PATH)).allMatch(selection::selects);
        assertThat(selection.selects(HEALTH)).isFalse();
    }

    @Test
    void includeRulesNarrowAndExcludeRulesWin() {
        ConfiguredSelection selection = new ConfiguredSelection(List.of("/bookings/*", "POST"),
                List.of("4xx", "GET /bookings/{id} 5xx"));

        assertThat(selection.selects(GET_BOOKING)).isTrue();
        assertThat(selection.selects(POST_BOOKING)).isTrue();
        assertThat(selection.selects(CANCEL_CONFLICT)).as("excluded as a 4xx").isFalse();
        assertThat(selection.selects(response("GET", "/bookings/{id}", "/bookings/b-1", 503))).isFalse();
        assertThat(selection.selects(HEALTH)).as("not included").isFalse();
    }

    @Test
    void aRuleMatchesOnlyWhenEveryWordDoesInAnyOrder() {
        ResponseRule rule = ResponseRule.parse("2xx  get /bookings/{id}");

        assertThat(rule.matches(GET_BOOKING)).isTrue();
        assertThat(rule.matches(response("GET", "/bookings/{id}", "/bookings/b-1", 404))).isFalse();
        assertThat(rule.matches(response("DELETE", "/bookings/{id}", "/bookings/b-1", 200))).isFalse();
        assertThat(ResponseRule.parse("409").matches(CANCEL_CONFLICT)).isTrue();
        assertThat(ResponseRule.parse("* /bookings").matches(POST_BOOKING)).isTrue();
        assertThat(ResponseRule.parse("/bookings").matches(GET_BOOKING)).as("a pattern is the whole route").isFalse();
    }

    @Test
    void routePatternsMatchTheTemplateNotThePathWhenAResourceMatched() {
        assertThat(ResponseRule.parse("/bookings/b-1").matches(GET_BOOKING)).isFalse();
        assertThat(ResponseRule.parse("/bookings/{id}").matches(GET_BOOKING)).isTrue();
        assertThat(ResponseRule.parse("/now*").matches(UNKNOWN_PATH)).isTrue();
    }

    @Test
    void aRuleThatIsNoMethodRouteOrStatusFailsTheStartNamingTheWord() {
        assertThatThrownBy(() -> new ConfiguredSelection(List.of(), List.of("GET bookings")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'bookings'");
        assertThatThrownBy(() -> ResponseRule.parse("GET /a 2xx 3xx")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ResponseRule.parse("  ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ResponseRule.parse("6xx")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void templatesJoinClassAndMethodPathsWithoutParameterRegexes() {
        assertThat(RouteTemplates.of("/bookings", "/{id}")).isEqualTo("/bookings/{id}");
        assertThat(RouteTemplates.of("bookings/", "{id}/cancel")).isEqualTo("/bookings/{id}/cancel");
        assertThat(RouteTemplates.of("/bookings", "")).isEqualTo("/bookings");
        assertThat(RouteTemplates.of("/flights/{flight : [A-Z]{2}[0-9]+}", "/seats/{ seat }"))
                .isEqualTo("/flights/{flight}/seats/{seat}");
        assertThat(RouteTemplates.of("", "")).isEqualTo("/");
    }

    @Test
    void thePayloadNamesTheRouteAndIdsNeverThePathOrQuery() {
        ObservedResponse created = new ObservedResponse("POST", "/bookings", "/bookings", 202, 2_345_678,
                Instant.EPOCH, "corr-1", null, Map.of(), "http://localhost:8080/bookings/b-9?x=1", false);

        HttpResponseSent payload = created.toPayload();

        assertThat(payload).isEqualTo(new HttpResponseSent("POST", "/bookings", 202, 2.346, Map.of(), "b-9"));
        assertThat(payload.subject()).isEqualTo("b-9");
        assertThat(GET_BOOKING.toPayload().resourceIds()).containsExactly(Map.entry("id", "b-1"));
        assertThat(UNKNOWN_PATH.toPayload().route()).isEqualTo(HttpResponseSent.UNMATCHED_ROUTE);
        assertThat(response("GET", "/bookings/{id}", "/bookings/b-1", 404).toPayload().createdId()).isNull();
    }

    private static ObservedResponse response(String method, String route, String path, int status) {
        Map<String, String> ids = route != null && route.contains("{id}") ? Map.of("id", "b-1") : Map.of();
        return new ObservedResponse(method, route, path, status, 1_000_000, Instant.EPOCH, null, null, ids, null, false);
    }
}
