package com.flightbooking.workers.admin;

import static com.flightbooking.workers.Operators.asOps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.flightbooking.events.testing.Prometheus;
import com.flightbooking.kit.messaging.MessagingConfig;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class OverviewResourceTest {

    @Inject
    MessagingConfig messaging;

    @Test
    void givesTheFiguresThePrometheusScrapeGivesForEveryRoleAndTheOutbox() {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Prometheus metrics = Prometheus.scrape();
            JsonPath overview = asOps().when().get("/admin/overview").then().statusCode(200).extract().jsonPath();

            assertThat(overview.getList("roles.role")).containsExactlyInAnyOrderElementsOf(messaging.roles().orElseThrow());
            assertThat(overview.getDouble("roles.find { it.role == 'ledger' }.deadLetterDepth"))
                    .isEqualTo(metrics.sum("flights_consumer_dlq_depth", "role", "ledger"));
            assertThat(overview.getDouble("outbox.pending")).isEqualTo(metrics.sum("flights_outbox_pending"));
            assertThat(overview.getDouble("outbox.oldestPendingAgeSeconds")).isNotNull();
            assertThat(overview.getLong("readAtMillis")).isPositive();
        });
    }
}
