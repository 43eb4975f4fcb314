package com.flightbooking.workers;

import static com.flightbooking.workers.WorkerHealthTest.POSTGRES;
import static com.flightbooking.workers.WorkerHealthTest.SNS;
import static com.flightbooking.workers.WorkerHealthTest.SQS;
import static com.flightbooking.workers.WorkerHealthTest.check;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** With SNS and SQS unreachable the workers are alive but not ready, and say which dependency failed. */
@QuarkusTest
@TestProfile(WorkerHealthDownTest.AwsUnreachable.class)
class WorkerHealthDownTest {

    /** SNS and SQS on a port nothing listens on; no provisioning (it would fail the start), so the ARN is given. */
    public static class AwsUnreachable implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            String nowhere = "http://127.0.0.1:" + closedPort();
            return Map.of("quarkus.sns.endpoint-override", nowhere,
                    "quarkus.sqs.endpoint-override", nowhere,
                    "flights.messaging.provisioning.enabled", "false",
                    "flights.messaging.topic-arn", "arn:aws:sns:us-east-1:000000000000:booking-events",
                    "flights.messaging.roles", "ledger",
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
    void isNotReadyAndNamesTheTopicAndTheQueueItCannotReach() {
        given().when().get("/q/health/ready").then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body(check(SNS) + ".status", equalTo("DOWN"))
                .body(check(SNS) + ".data.topic", equalTo("arn:aws:sns:us-east-1:000000000000:booking-events"))
                .body(check(SNS) + ".data.error", notNullValue())
                .body(check(SQS) + ".status", equalTo("DOWN"))
                .body(check(SQS) + ".data.error", containsString("ledger"))
                .body(check(POSTGRES) + ".status", equalTo("UP"));
    }

    @Test
    void staysLive() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }
}
