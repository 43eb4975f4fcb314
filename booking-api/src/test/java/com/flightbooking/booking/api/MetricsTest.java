package com.flightbooking.booking.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.flightbooking.events.EventCodec;
import com.flightbooking.events.EventEnvelope;
import com.flightbooking.events.testing.Bookings;
import com.flightbooking.events.testing.Prometheus;
import com.flightbooking.events.testing.SampleEvents;
import com.flightbooking.events.testing.Sql;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;

/** What Prometheus scrapes from /q/metrics: HTTP latency histograms, the outbox backlog and lag, consumer counts. */
@QuarkusTest
class MetricsTest {

    @Inject
    Pool pool;
    @Inject
    EventCodec codec;

    private final List<UUID> insertedRows = new ArrayList<>();

    @AfterEach
    void deleteInsertedOutboxRows() {
        Sql.execute(pool, "DELETE FROM outbox WHERE event_id = ANY($1)", (Object) insertedRows.toArray(UUID[]::new));
    }

    @Test
    void httpLatencyIsAHistogramPerRouteTemplate() {
        String id = createBooking();
        Customers.asCustomer().when().get("/bookings/" + id).then().statusCode(200);

        Prometheus metrics = Prometheus.scrape();

        assertThat(metrics.samples("http_server_requests_seconds_bucket", "method", "GET", "uri", "/bookings/{id}",
                "status", "200")).hasSizeGreaterThan(10).anySatisfy(bucket -> {
                    assertThat(bucket.has("le", "+Inf")).isTrue();
                    assertThat(bucket.value()).isPositive();
                });
        assertThat(metrics.samples("http_server_requests_seconds_bucket", "method", "POST", "uri", "/bookings"))
                .isNotEmpty();
        assertThat(metrics.samples("http_server_requests_seconds_count")).noneSatisfy(
                sample -> assertThat(sample.labels()).contains(id));
    }

    @Test
    void backlogGaugesCountUnpublishedRowsAndTheAgeOfTheOldest() {
        // Written five minutes ago and, as after failed publishes, not to be tried again for an hour.
        for (int i = 0; i < 3; i++) {
            EventEnvelope event = SampleEvents.bookingRequestedEvent(null, "10.00", "EUR");
            insertedRows.add(event.id());
            Sql.execute(pool, """
                    INSERT INTO outbox (event_id, event_type, subject, body, created_at, attempts, next_attempt_at)
                    VALUES ($1, $2, $3, $4, now() - interval '5 minutes', 3, now() + interval '1 hour')""",
                    event.id(), event.type().ceType(), event.subject(), codec.encode(event));
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Prometheus metrics = Prometheus.scrape();
            assertThat(metrics.sum("flights_outbox_pending")).isGreaterThanOrEqualTo(3);
            assertThat(metrics.sum("flights_outbox_pending_age_seconds")).isGreaterThanOrEqualTo(300);
        });
    }

    // flights_outbox_publish_failures_total is counted where publishes fail: OutboxRelaySweepTest.
    @Test
    void publishLagIsRecordedAsTheRelayPublishes() {
        double published = Prometheus.scrape().sum("flights_outbox_publish_lag_seconds_count");

        createBooking();

        await().atMost(Duration.ofSeconds(10))
                .until(() -> Prometheus.scrape().sum("flights_outbox_publish_lag_seconds_count") > published);
        assertThat(Prometheus.scrape().samples("flights_outbox_publish_lag_seconds_bucket")).hasSizeGreaterThan(10);
    }

    @Test
    void consumerCountersCarryTheirRole() {
        double received = Prometheus.scrape().sum("flights_consumer_messages_total", "role", "booking-timeline",
                "outcome", "received");
        double handled = Prometheus.scrape().sum("flights_consumer_messages_total", "role", "booking-timeline",
                "outcome", "handled");

        // BookingRequested is a step of the booking's timeline: it reaches the timeline role's queue and is handled.
        createBooking();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Prometheus metrics = Prometheus.scrape();
            assertThat(metrics.sum("flights_consumer_messages_total", "role", "booking-timeline", "outcome",
                    "received")).isGreaterThan(received);
            assertThat(metrics.sum("flights_consumer_messages_total", "role", "booking-timeline", "outcome",
                    "handled")).isGreaterThan(handled);
        });
        assertThat(Prometheus.scrape().samples("flights_consumer_held", "role", "booking-timeline")).hasSize(1);
    }

    private static String createBooking() {
        return Customers.asCustomer().contentType(ContentType.JSON).body(Bookings.valid(UUID.randomUUID().toString()))
                .when().post("/bookings")
                .then().statusCode(202).extract().path("id");
    }
}
