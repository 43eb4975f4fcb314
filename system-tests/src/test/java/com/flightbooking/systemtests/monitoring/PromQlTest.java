package com.flightbooking.systemtests.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class PromQlTest {

    @Test
    void keepsTheMetricsAndDropsFunctionsLabelsRangesGroupingAndKeywords() {
        assertThat(PromQl.metricNames("""
                histogram_quantile(0.99, sum by (le, uri) (rate(http_server_requests_seconds_bucket{method="POST",
                uri="/bookings", status=~"5.."}[$__rate_interval]))) > 0.25""")).containsExactly(
                "http_server_requests_seconds_bucket");
        assertThat(PromQl.metricNames("""
                sum by (policy) (rate(flights_rate_limits_rejected_total[5m])) > 1
                and sum by (policy) (rate(flights_rate_limits_rejected_total[1d] offset 1d))""")).containsExactly(
                "flights_rate_limits_rejected_total");
        assertThat(PromQl.metricNames("""
                sum by (role) (flights_consumer_held) > 0
                unless on (role) sum without (pod) (rate(flights_consumer_messages_total{outcome="x"}[10m:1m]))
                / ignoring (outcome) group_left (app) up""")).containsExactly("flights_consumer_held",
                "flights_consumer_messages_total", "up");
        assertThat(PromQl.metricNames("deriv(max by (app) (flights_outbox_pending)[10m:1m]) > 1e3")).containsExactly(
                "flights_outbox_pending");
        assertThat(PromQl.metricNames("{__name__=\"x\"}")).isEmpty();
    }

    @Test
    void exactSelectorsKeepOnlyEqualityMatchers() {
        assertThat(PromQl.exactSelectors("""
                sum(rate(x_count{method="POST", uri = "/bookings", status!="202", outcome=~"a|b"}[5m]))
                / sum(rate(y_total[5m])) + z{role="ledger"}""")).containsExactly(
                new PromQl.Selector("x_count", Map.of("method", "POST", "uri", "/bookings")),
                new PromQl.Selector("z", Map.of("role", "ledger")));
    }
}
