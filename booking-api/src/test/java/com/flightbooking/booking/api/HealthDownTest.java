package com.flightbooking.booking.api;

import static com.flightbooking.booking.api.Customers.asCustomer;
import static com.flightbooking.booking.api.HealthTest.POSTGRES;
import static com.flightbooking.booking.api.HealthTest.check;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.flightbooking.events.testing.AwsUnreachable;
import com.flightbooking.events.testing.Bookings;
import com.flightbooking.events.testing.ManagementPort;
import com.flightbooking.kit.health.SnsTopicHealthCheck;
import com.flightbooking.kit.health.SqsQueuesHealthCheck;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * With SNS and SQS unreachable the app is degraded, not down: it stays live and ready and keeps taking bookings (their
 * events wait in the outbox), while its health says which dependency failed and what that means.
 */
@QuarkusTest
@TestProfile(AwsUnreachable.class)
class HealthDownTest {

    @Test
    void staysReadyOnPostgresAlone() {
        ManagementPort.given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body(check(POSTGRES) + ".status", equalTo("UP"));
    }

    @Test
    void reportsSnsAndSqsDownAsDegraded() {
        for (String path : new String[] { "/q/health", "/q/health/well" }) {
            ManagementPort.given().when().get(path).then().statusCode(503)
                    .body("status", equalTo("DOWN"))
                    .body(check(SnsTopicHealthCheck.NAME) + ".status", equalTo("DOWN"))
                    .body(check(SnsTopicHealthCheck.NAME) + ".data.topic",
                            equalTo("arn:aws:sns:us-east-1:000000000000:booking-events"))
                    .body(check(SnsTopicHealthCheck.NAME) + ".data.error", notNullValue())
                    .body(check(SnsTopicHealthCheck.NAME) + ".data.impact", startsWith("degraded"))
                    .body(check(SqsQueuesHealthCheck.NAME) + ".status", equalTo("DOWN"))
                    .body(check(SqsQueuesHealthCheck.NAME) + ".data.error", notNullValue())
                    .body(check(SqsQueuesHealthCheck.NAME) + ".data.impact", startsWith("degraded"));
        }
    }

    @Test
    void keepsTakingBookings() {
        asCustomer().contentType(ContentType.JSON).body(Bookings.valid(UUID.randomUUID().toString()))
                .when().post("/bookings").then().statusCode(202);
    }

    @Test
    void staysLive() {
        ManagementPort.given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }
}
