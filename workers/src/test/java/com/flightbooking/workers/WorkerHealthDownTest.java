package com.flightbooking.workers;

import static com.flightbooking.workers.WorkerHealthTest.POSTGRES;
import static com.flightbooking.workers.WorkerHealthTest.SNS;
import static com.flightbooking.workers.WorkerHealthTest.SQS;
import static com.flightbooking.workers.WorkerHealthTest.check;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.flightbooking.events.testing.AwsUnreachable;
import com.flightbooking.events.testing.ManagementPort;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * With SNS and SQS unreachable the workers are alive but not ready: a role that cannot receive from its queue cannot
 * work (its consumer's readiness says so); without SNS alone they would stay ready, their events waiting in the
 * outbox. Health names both dependencies and what their absence means.
 */
@QuarkusTest
@TestProfile(WorkerHealthDownTest.AwsUnreachableForOneRole.class)
class WorkerHealthDownTest {

    /** One role is enough to see a role's queue check fail. */
    public static class AwsUnreachableForOneRole extends AwsUnreachable {

        @Override
        protected Map<String, String> extraOverrides() {
            return Map.of("flights.messaging.roles", "ledger");
        }
    }

    static final String MESSAGING = "SmallRye Reactive Messaging - readiness check";

    /** Down from the start ("not reached yet"); the reason names the failure once the first lookup has failed. */
    @Test
    void isNotReadyBecauseItsRoleCannotReachItsQueue() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> ManagementPort.given().when()
                .get("/q/health/ready").then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body(check(POSTGRES) + ".status", equalTo("UP"))
                .body(check(MESSAGING) + ".status", equalTo("DOWN"))
                .body(check(MESSAGING) + ".data.ledger", containsString("not reachable"))
                .body("checks.name", not(hasItems(SNS))));
    }

    @Test
    void namesTheTopicAndTheQueueItCannotReach() {
        ManagementPort.given().when().get("/q/health/well").then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body(check(SNS) + ".status", equalTo("DOWN"))
                .body(check(SNS) + ".data.topic", equalTo("arn:aws:sns:us-east-1:000000000000:booking-events"))
                .body(check(SNS) + ".data.error", notNullValue())
                .body(check(SNS) + ".data.impact", startsWith("degraded"))
                .body(check(SQS) + ".status", equalTo("DOWN"))
                .body(check(SQS) + ".data.error", containsString("ledger"))
                .body(check(SQS) + ".data.impact", startsWith("degraded"));
    }

    @Test
    void staysLive() {
        ManagementPort.given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }
}
