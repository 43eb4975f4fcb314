package com.flightbooking.events.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Samples read as Prometheus reads them, also where a label holds braces or an exemplar follows the value. */
class PrometheusTest {

    @Test
    void aSamplesValueIsTheOneAfterItsLabelsNotItsExemplars() {
        Prometheus metrics = Prometheus
                .parse("""
                        # TYPE flights_partner_rate_budget_permits counter
                        flights_partner_rate_budget_permits_total{partner="payment-processor"} 20.0 # {span_id="f0c0",trace_id="c217"} 1.0 1764748031.123
                        flights_partner_rate_budget_permits_total{partner="airline"} 0.0
                        http_server_requests_seconds_count{method="GET",uri="/admin/dlq/{role}",status="200"} 3.0
                        process_uptime_seconds 12.5
                        """);

        assertThat(metrics.sum("flights_partner_rate_budget_permits_total", "partner", "payment-processor"))
                .isEqualTo(20.0);
        assertThat(metrics.sum("flights_partner_rate_budget_permits_total")).isEqualTo(20.0);
        assertThat(metrics.sum("http_server_requests_seconds_count", "uri", "/admin/dlq/{role}")).isEqualTo(3.0);
        assertThat(metrics.sum("process_uptime_seconds")).isEqualTo(12.5);
    }
}
