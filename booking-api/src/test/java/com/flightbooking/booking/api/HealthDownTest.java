package com.flightbooking.booking.api;

import static com.flightbooking.booking.api.HealthTest.POSTGRES;
import static com.flightbooking.booking.api.HealthTest.check;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.flightbooking.kit.health.SnsTopicHealthCheck;
import com.flightbooking.kit.health.SqsQueuesHealthCheck;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** With SNS and SQS unreachable the app is alive but not ready, and says which dependency failed. */
@QuarkusTest
@TestProfile(HealthDownTest.AwsUnreachable.class)
class HealthDownTest {

    /** SNS and SQS on a port nothing listens on; no provisioning (it would fail the start), so the ARN is given. */
    public static class AwsUnreachable implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            String nowhere = "http://127.0.0.1:" + closedPort();
            return Map.of("quarkus.sns.endpoint-override", nowhere,
                    "quarkus.sqs.endpoint-override", nowhere,
                    "flights.messaging.provisioning.enabled", "false",
                    "flights.messaging.topic-arn", "arn:aws:sns:us-east-1:000000000000:booking-events",
                    "flights.outbox.relay.enabled", "false");
        }

        private static int closedPort() {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Test
    void isNotReadyAndNamesSnsAndSqs() {
        given().when().get("/q/health/ready").then().statusCode(503)
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
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }
}
