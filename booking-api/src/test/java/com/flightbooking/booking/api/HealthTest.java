package com.flightbooking.booking.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.flightbooking.events.testing.ManagementPort;
import com.flightbooking.kit.health.SnsTopicHealthCheck;
import com.flightbooking.kit.health.SqsQueuesHealthCheck;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Readiness asks PostgreSQL; SNS and SQS are wellness checks, which the whole health answer includes. See
 * {@link HealthDownTest} for the answers when SNS and SQS are away.
 */
@QuarkusTest
class HealthTest {

    static final String POSTGRES = "Reactive PostgreSQL connections health check";

    @Test
    void isReadyWhenPostgresAnswers() {
        ManagementPort.given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body(check(POSTGRES) + ".status", equalTo("UP"))
                .body("checks.name", not(hasItems(SnsTopicHealthCheck.NAME)))
                .body("checks.name", not(hasItems(SqsQueuesHealthCheck.NAME)));
    }

    @Test
    void isWellWhenSnsAndSqsAnswer() {
        ManagementPort.given().when().get("/q/health").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems(POSTGRES, SnsTopicHealthCheck.NAME, SqsQueuesHealthCheck.NAME));
        ManagementPort.given().when().get("/q/health/well").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body(check(SnsTopicHealthCheck.NAME) + ".status", equalTo("UP"))
                .body(check(SnsTopicHealthCheck.NAME) + ".data.topic", containsString(":booking-events"))
                .body(check(SqsQueuesHealthCheck.NAME) + ".status", equalTo("UP"))
                .body(check(SqsQueuesHealthCheck.NAME) + ".data.queues", startsWith("booking-status"));
    }

    @Test
    void isLive() {
        ManagementPort.given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
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
