package com.flightbooking.booking.api;

import static com.flightbooking.booking.api.HealthTest.POSTGRES;
import static com.flightbooking.booking.api.HealthTest.check;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.flightbooking.events.testing.ManagementPort;
import com.flightbooking.kit.health.SnsTopicHealthCheck;
import com.flightbooking.kit.health.SqsQueuesHealthCheck;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * With SNS and SQS accepting connections and never answering, health still answers, DOWN, within the health
 * timeout ({@code flights.health.timeout}, 2 s) rather than the SDK's own call timeouts, set to a minute here.
 */
@QuarkusTest
@TestProfile(AwsHangs.class)
class HealthHungAwsTest {

    @Test
    void healthAnswersDownWithinTheHealthTimeoutWhileAwsHangs() {
        Response ready = ManagementPort.given().when().get("/q/health").then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body(check(SnsTopicHealthCheck.NAME) + ".status", equalTo("DOWN"))
                .body(check(SnsTopicHealthCheck.NAME) + ".data.error", containsString("2000"))
                .body(check(SqsQueuesHealthCheck.NAME) + ".status", equalTo("DOWN"))
                .body(check(SqsQueuesHealthCheck.NAME) + ".data.error", containsString("2000"))
                .body(check(POSTGRES) + ".status", equalTo("UP"))
                .extract().response();

        // The checks waited for their timeout (a hang, not a refusal), and no longer: generous for a loaded machine,
        // and far below the minute a call without the health timeout would take.
        assertThat(Duration.ofMillis(ready.time())).isGreaterThanOrEqualTo(Duration.ofSeconds(2))
                .isLessThan(Duration.ofSeconds(20));
    }
}
