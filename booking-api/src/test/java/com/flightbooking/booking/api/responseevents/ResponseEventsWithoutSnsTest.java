package com.flightbooking.booking.api.responseevents;

import static com.flightbooking.booking.api.Customers.asCustomer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.flightbooking.booking.api.AwsHangs;
import com.flightbooking.events.testing.Bookings;
import com.flightbooking.events.testing.Prometheus;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * With SNS hanging ({@link AwsHangs}: no publish comes back while the requests below are served), responses stay
 * correct and quick: the events are buffered, dropped when the buffer is full and counted, never waited for.
 */
@QuarkusTest
@TestProfile(AwsHangs.class)
class ResponseEventsWithoutSnsTest {

    @Test
    void responsesStayCorrectAndQuickWhileTheEventsAreDroppedAndCounted() {
        String id = asCustomer().contentType(ContentType.JSON).body(Bookings.valid(UUID.randomUUID().toString()))
                .when().post("/bookings").then().statusCode(202).extract().path("id");

        long slowest = 0;
        for (int i = 0; i < 200; i++) {
            Response response = asCustomer().when().get("/bookings/" + id);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.<String> path("id")).isEqualTo(id);
            slowest = Math.max(slowest, response.time());
        }

        // The batches in flight hang and the buffer holds 20: the rest of the burst was dropped, and counted.
        await().atMost(Duration.ofSeconds(10)).until(() -> Prometheus.scrape().sum(
                "flights_response_events_dropped_total", "reason", "buffer_full") > 0);
        // No publish has come back yet, so no response above waited for one.
        assertThat(Prometheus.scrape().sum("flights_response_events_published_total")).isZero();
        assertThat(Prometheus.scrape().sum("flights_response_events_dropped_total", "reason", "publish_failed"))
                .isZero();
        // Generous for a loaded machine; a response waiting on SNS would take its call timeout, a minute.
        assertThat(slowest).as("slowest GET in ms").isLessThan(10_000);
    }
}
