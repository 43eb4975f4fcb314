package com.flightbooking.booking.api.outbox;

import static com.flightbooking.booking.api.Customers.asCustomer;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.flightbooking.events.testing.Bookings;
import com.flightbooking.events.testing.ManagementPort;
import com.flightbooking.events.testing.Sql;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * SNS gone while the app runs: bookings are still taken and the app stays ready, their events wait in the outbox,
 * and once SNS is back the relay publishes them without anyone's help.
 */
@QuarkusTest
@TestProfile(SnsBehindAProxy.class)
class OutboxAfterSnsOutageTest {

    @Inject
    Pool pool;

    /** Up again whatever happened: the next test of the profile needs SNS. */
    @AfterEach
    void snsBackUp() {
        SnsBehindAProxy.SNS.up();
    }

    @Test
    void takesABookingWhileSnsIsDownAndPublishesItsEventOnceSnsIsBack() {
        SnsBehindAProxy.SNS.down();
        String id = asCustomer().contentType(ContentType.JSON).body(Bookings.valid(UUID.randomUUID().toString()))
                .when().post("/bookings").then().statusCode(202).extract().path("id");

        ManagementPort.given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        ManagementPort.given().when().get("/q/health/well").then().statusCode(503).body("status", equalTo("DOWN"));
        await().atMost(Duration.ofSeconds(30)).until(() -> Sql.count(pool, """
                SELECT count(*) FROM outbox WHERE subject = $1 AND published_at IS NULL AND last_error IS NOT NULL
                AND attempts >= 2""", id) == 1);

        SnsBehindAProxy.SNS.up();
        await().atMost(Duration.ofSeconds(30)).until(() -> Sql.count(pool,
                "SELECT count(*) FROM outbox WHERE subject = $1 AND published_at IS NOT NULL", id) == 1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> ManagementPort.given().when()
                .get("/q/health/well").then().statusCode(200).body("status", equalTo("UP")));
    }
}
