package com.flightbooking.booking.api.responseevents;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.flightbooking.events.testing.Bookings;
import com.flightbooking.localinfra.LocalFauxqs;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** With SNS gone, responses stay correct and quick; the events are dropped and counted, never waited for. */
@QuarkusTest
@TestProfile(ResponseEventsWithoutSnsTest.OwnEmulator.class)
class ResponseEventsWithoutSnsTest {

    public static class OwnEmulator implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            // A small buffer, so that the burst below also overflows it.
            return Map.of(
                    "%test.flights.response-events.enabled", "true",
                    "flights.response-events.buffer-size", "20",
                    "flights.response-events.shutdown-timeout", "1s");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(OwnEmulatorTestResource.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    /** This test's own emulator (see {@link OwnEmulatorTestResource}). */
    LocalFauxqs emulator;

    @Test
    void responsesStayCorrectAndQuickWhileTheEventsAreDroppedAndCounted() {
        String id = given().contentType(ContentType.JSON).body(Bookings.valid(UUID.randomUUID().toString()))
                .when().post("/bookings").then().statusCode(202).extract().path("id");

        emulator.close();

        long slowest = 0;
        for (int i = 0; i < 200; i++) {
            Response response = given().when().get("/bookings/" + id);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.<String> path("id")).isEqualTo(id);
            slowest = Math.max(slowest, response.time());
        }
        // Generous: a shared 2-core machine; a response waiting on SNS would take seconds (its call timeout).
        assertThat(slowest).as("slowest GET in ms").isLessThan(1_000);
        await().atMost(Duration.ofSeconds(30)).until(() -> PrometheusMetrics.sum(
                "flights_response_events_dropped_total", "reason=\"publish_failed\"") > 0);
        assertThat(PrometheusMetrics.sum("flights_response_events_published_total")
                + PrometheusMetrics.sum("flights_response_events_dropped_total")).isPositive();
    }
}
