package com.flightbooking.workers;

import static com.flightbooking.workers.Operators.asOps;
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
import com.flightbooking.events.testing.Prometheus;
import com.flightbooking.events.testing.SampleEvents;
import com.flightbooking.events.testing.Sql;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;

/** What Prometheus scrapes from the workers' /q/metrics: HTTP histograms, the outbox, every role's counters. */
@QuarkusTest
class MetricsTest {

    /**
     * A type no role handles: the relay publishes it and no subscription lets it through; put in every role's queue,
     * as with filters in the consumers only, each role filters it out. Nothing else happens.
     */
    private static final String UNWANTED_TYPE = "com.flightbooking.test.metrics-probe.v1";
    private static final List<String> ROLES = List.of("payment", "fulfilment", "ledger", "notification",
            "airline-check", "reminders");

    @Inject
    Pool pool;
    @Inject
    EventCodec codec;
    @Inject
    Topic topic;

    private final List<UUID> insertedRows = new ArrayList<>();

    @AfterEach
    void deleteInsertedOutboxRows() {
        Sql.execute(pool, "DELETE FROM outbox WHERE event_id = ANY($1)", (Object) insertedRows.toArray(UUID[]::new));
    }

    @Test
    void httpLatencyIsAHistogramPerRouteTemplate() {
        asOps().when().get("/admin/dlq/ledger").then().statusCode(200);

        assertThat(Prometheus.scrape().samples("http_server_requests_seconds_bucket", "method", "GET", "uri",
                "/admin/dlq/{role}", "status", "200")).hasSizeGreaterThan(10);
    }

    @Test
    void publishLagIsRecordedAndEveryRoleCountsWhatItReceived() {
        Prometheus before = Prometheus.scrape();
        double published = before.sum("flights_outbox_publish_lag_seconds_count");

        insert(UNWANTED_TYPE, "now()", "now()");
        topic.deliverUnfiltered(SampleEvents.bookingRequestedEvent(null, "10.00", "EUR"), UNWANTED_TYPE, ROLES);

        // airline-check's queue holds each message a few seconds (a delay queue) before the role sees it.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Prometheus metrics = Prometheus.scrape();
            assertThat(metrics.sum("flights_outbox_publish_lag_seconds_count")).isGreaterThan(published);
            for (String role : ROLES) {
                assertThat(metrics.sum("flights_consumer_messages_total", "role", role, "outcome", "filtered"))
                        .as(role).isGreaterThan(before.sum("flights_consumer_messages_total", "role", role,
                                "outcome", "filtered"));
                assertThat(metrics.samples("flights_consumer_held", "role", role)).as(role).hasSize(1);
            }
        });
    }

    @Test
    void backlogGaugesCountUnpublishedRowsAndTheAgeOfTheOldest() {
        // Written ten minutes ago and, as after failed publishes, not to be tried again for an hour.
        insert(UNWANTED_TYPE, "now() - interval '10 minutes'", "now() + interval '1 hour'");
        insert(UNWANTED_TYPE, "now() - interval '1 minute'", "now() + interval '1 hour'");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Prometheus metrics = Prometheus.scrape();
            assertThat(metrics.sum("flights_outbox_pending")).isGreaterThanOrEqualTo(2);
            assertThat(metrics.sum("flights_outbox_pending_age_seconds")).isGreaterThanOrEqualTo(600);
        });
    }

    private void insert(String type, String createdAt, String nextAttemptAt) {
        EventEnvelope event = SampleEvents.bookingRequestedEvent(null, "10.00", "EUR");
        insertedRows.add(event.id());
        Sql.execute(pool, """
                INSERT INTO outbox (event_id, event_type, subject, body, created_at, next_attempt_at)
                VALUES ($1, $2, $3, $4, %s, %s)""".formatted(createdAt, nextAttemptAt),
                event.id(), type, event.subject(), codec.encode(event));
    }
}
