package com.flightbooking.booking.api;

import static com.flightbooking.booking.api.HealthTest.POSTGRES;
import static com.flightbooking.booking.api.HealthTest.check;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;

import com.flightbooking.events.testing.AwsUnreachable;
import com.flightbooking.events.testing.ManagementPort;
import com.flightbooking.kit.health.SnsTopicHealthCheck;
import com.flightbooking.kit.health.SqsQueuesHealthCheck;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** With SNS and SQS unreachable the app is alive but not ready, and says which dependency failed. */
@QuarkusTest
@TestProfile(AwsUnreachable.class)
class HealthDownTest {

    @Test
    void isNotReadyAndNamesSnsAndSqs() {
        ManagementPort.given().when().get("/q/health/ready").then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body(check(SnsTopicHealthCheck.NAME) + ".status", equalTo("DOWN"))
                .body(check(SnsTopicHealthCheck.NAME) + ".data.topic",
                        equalTo("arn:aws:sns:us-east-1:000000000000:booking-events"))
                .body(check(SnsTopicHealthCheck.NAME) + ".data.error", notNullValue())
                .body(check(SqsQueuesHealthCheck.NAME) + ".status", equalTo("DOWN"))
                .body(check(SqsQueuesHealthCheck.NAME) + ".data.error", notNullValue())
                .body(check(POSTGRES) + ".status", equalTo("UP"));
    }

    @Test
    void staysLive() {
        ManagementPort.given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }
}
