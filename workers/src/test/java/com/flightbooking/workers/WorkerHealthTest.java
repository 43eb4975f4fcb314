package com.flightbooking.workers;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** What an orchestrator probes, over HTTP only, so {@link WorkerHealthIT} runs it against the packaged app. */
@QuarkusTest
class WorkerHealthTest {

    @Test
    void isLiveAndReadyWithItsRoleQueueReachable() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body(containsString("ledger"));
    }

    @Test
    void exposesPrometheusMetrics() {
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("flights_consumer_held{role=\"ledger\"}"));
    }
}
