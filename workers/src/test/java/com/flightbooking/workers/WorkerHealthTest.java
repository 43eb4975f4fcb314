package com.flightbooking.workers;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.flightbooking.events.testing.ManagementPort;

import io.quarkus.test.junit.QuarkusTest;

/** What an orchestrator probes, over HTTP only, so {@link WorkerHealthIT} runs it against the packaged app. */
@QuarkusTest
class WorkerHealthTest {

    static final String POSTGRES = "Reactive PostgreSQL connections health check";
    static final String SNS = "SNS topic";
    static final String SQS = "SQS queues";

    @Test
    void isLiveAndReadyWithItsRoleQueueReachable() {
        ManagementPort.given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        ManagementPort.given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body(containsString("ledger"));
    }

    @Test
    void healthNamesPostgresSnsAndSqsAndReadinessOnlyWhatTheWorkNeeds() {
        ManagementPort.given().when().get("/q/health").then().statusCode(200)
                .body("checks.name", hasItems(POSTGRES, SNS, SQS))
                .body(check(POSTGRES) + ".status", equalTo("UP"))
                .body(check(SNS) + ".status", equalTo("UP"))
                .body(check(SNS) + ".data.topic", containsString(":booking-events"))
                .body(check(SQS) + ".status", equalTo("UP"))
                .body(check(SQS) + ".data.queues", containsString("ledger"))
                .body(check(SQS) + ".data.queues", containsString("payment"));
        ManagementPort.given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItems(POSTGRES))
                .body("checks.name", not(hasItems(SNS)))
                .body("checks.name", not(hasItems(SQS)));
    }

    @Test
    void exposesPrometheusMetrics() {
        ManagementPort.given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("flights_consumer_held{role=\"ledger\"}"))
                .body(containsString("flights_outbox_pending "))
                .body(containsString("flights_outbox_pending_age_seconds "));
    }

    @Test
    void healthAndMetricsAreNotServedOnTheApiPort() {
        for (String path : List.of("/q/health", "/q/health/ready", "/q/metrics")) {
            given().when().get(path).then().statusCode(404);
        }
        ManagementPort.given().when().get("/q/metrics").then().statusCode(200);
    }

    static String check(String name) {
        return "checks.find { it.name == '" + name + "' }";
    }
}
