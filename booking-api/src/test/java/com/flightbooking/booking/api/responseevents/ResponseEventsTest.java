package com.flightbooking.booking.api.responseevents;

import static com.flightbooking.booking.api.Customers.asCustomer;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.flightbooking.booking.api.Customers;
import com.flightbooking.events.EventCodec;
import com.flightbooking.events.EventEnvelope;
import com.flightbooking.events.EventType;
import com.flightbooking.events.HttpResponseSent;
import com.flightbooking.events.QueueRole;
import com.flightbooking.events.testing.Bookings;
import com.flightbooking.events.testing.ManagementPort;
import com.flightbooking.events.testing.Prometheus;
import com.flightbooking.events.testing.Quiescence;
import com.flightbooking.events.testing.SpyQueue;
import com.flightbooking.events.testing.Sql;
import com.flightbooking.kit.messaging.MessageAttributes;
import com.flightbooking.kit.messaging.MessagingConfig;
import com.flightbooking.kit.messaging.MessagingNames;
import com.flightbooking.kit.messaging.TopicArn;
import com.flightbooking.kit.tracing.TraceParents;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import software.amazon.awssdk.services.sns.SnsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * HTTP responses end to end: what a subscriber of the topic receives for the selected responses, and nothing for
 * the excluded ones (here the cancel route, besides the default /q/*) nor for those anyone can cause in bulk (one
 * status stream per client per hour here, so that a second is refused).
 */
@QuarkusTest
@TestProfile(ResponseEventsTest.Enabled.class)
class ResponseEventsTest {

    public static class Enabled implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "%test.flights.response-events.enabled", "true",
                    "flights.response-events.exclude", "/q/*,POST /bookings/{id}/cancel",
                    "%test.flights.rate-limits.status-streams.limit", "1",
                    "%test.flights.rate-limits.status-streams.window", "1h");
        }
    }

    @Inject
    SnsAsyncClient sns;
    @Inject
    SqsAsyncClient sqs;
    @Inject
    TopicArn topicArn;
    @Inject
    EventCodec codec;
    @Inject
    Pool pool;

    @Inject
    MessagingConfig messaging;
    @Inject
    MeterRegistry registry;

    private SpyQueue spy;

    @BeforeEach
    void subscribeASpy() {
        spy = SpyQueue.subscribe(sns, sqs, topicArn.get());
    }

    @Test
    void creatingAndReadingABookingArePublishedWithRouteStatusIdsAndCorrelationId() {
        String created = correlationId();
        String read = correlationId();
        String marker = UUID.randomUUID().toString();
        String id = asCustomer().contentType(ContentType.JSON).header("X-Correlation-Id", created)
                .body(Bookings.valid(marker))
                .when().post("/bookings").then().statusCode(202).extract().path("id");
        asCustomer().header("X-Correlation-Id", read).when().get("/bookings/" + id + "?view=secret-query")
                .then().statusCode(200);

        Message post = awaitResponseEvent(created);
        Message get = awaitResponseEvent(read);

        EventEnvelope postEvent = codec.decode(post.body());
        assertThat(postEvent.subject()).isEqualTo(id);
        assertThat(postEvent.correlationId()).isEqualTo(created);
        assertThat(postEvent.dataAs(HttpResponseSent.class)).satisfies(data -> {
            assertThat(data.method()).isEqualTo("POST");
            assertThat(data.route()).isEqualTo("/bookings");
            assertThat(data.status()).isEqualTo(202);
            assertThat(data.createdId()).isEqualTo(id);
            assertThat(data.resourceIds()).isEmpty();
            assertThat(data.durationMs()).isPositive();
        });
        assertThat(attributes(post)).containsEntry(MessageAttributes.TYPE, EventType.HTTP_RESPONSE_SENT.ceType())
                .containsEntry(MessageAttributes.ID, postEvent.id().toString())
                .containsEntry(MessageAttributes.SUBJECT, id)
                .containsEntry(MessageAttributes.CORRELATION_ID, created);
        assertThat(post.body()).doesNotContain("tok_visa_4242", marker, "ada@example.com", "LH400");
        // In the request's trace, like the BookingRequested the request stored.
        String traceId = TraceParents.traceId(postEvent.traceparent());
        assertThat(traceId).isNotNull();
        assertThat(Sql.count(pool, "SELECT count(*) FROM outbox WHERE subject = $1 AND event_type = $2"
                + " AND split_part(traceparent, '-', 2) = $3", id, EventType.BOOKING_REQUESTED.ceType(), traceId))
                .isEqualTo(1);

        EventEnvelope getEvent = codec.decode(get.body());
        assertThat(getEvent.subject()).isEqualTo(id);
        assertThat(getEvent.dataAs(HttpResponseSent.class)).satisfies(data -> {
            assertThat(data.method()).isEqualTo("GET");
            assertThat(data.route()).isEqualTo("/bookings/{id}");
            assertThat(data.status()).isEqualTo(200);
            assertThat(data.resourceIds()).containsExactly(Map.entry("id", id));
            assertThat(data.createdId()).isNull();
            assertThat(data.durationMs()).isPositive();
        });
        assertThat(get.body()).doesNotContain("secret-query", "view=", marker, "ada@example.com");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> Prometheus.scrape().sum("flights_response_events_published_total") >= 2);
    }

    @Test
    void refusalsArePublishedWithTheirRouteAndWithoutWhatWasRefused() {
        String invalid = correlationId();
        asCustomer().contentType(ContentType.JSON).header("X-Correlation-Id", invalid)
                .body(Bookings.valid(UUID.randomUUID().toString(), "4111111111111111"))
                .when().post("/bookings").then().statusCode(400);

        Message refused = awaitResponseEvent(invalid);

        assertThat(codec.decode(refused.body()).dataAs(HttpResponseSent.class)).satisfies(data -> {
            assertThat(data.route()).isEqualTo("/bookings");
            assertThat(data.status()).isEqualTo(400);
            assertThat(data.createdId()).isNull();
        });
        assertThat(refused.body()).doesNotContain("4111", "ada@example.com");
    }

    @Test
    void excludedResponsesAreNotPublished() {
        String id = asCustomer().contentType(ContentType.JSON).body(Bookings.valid(UUID.randomUUID().toString()))
                .when().post("/bookings").then().statusCode(202).extract().path("id");
        String cancel = correlationId();
        String health = correlationId();
        String after = correlationId();

        asCustomer().header("X-Correlation-Id", cancel).when().post("/bookings/" + id + "/cancel").then().statusCode(202);
        ManagementPort.given().header("X-Correlation-Id", health).when().get("/q/health/live").then().statusCode(200);
        asCustomer().header("X-Correlation-Id", after).when().get("/bookings/" + id).then().statusCode(200);

        // Published after the excluded ones, so by the time it arrives they would have too.
        awaitResponseEvent(after);
        assertThat(responseEvents(cancel)).isEmpty();
        assertThat(responseEvents(health)).isEmpty();
    }

    @Test
    void refusalsOfAnonymousClientsAndRateLimitedRequestsAreCountedNotPublished() {
        String id = asCustomer().contentType(ContentType.JSON).body(Bookings.valid(UUID.randomUUID().toString()))
                .when().post("/bookings").then().statusCode(202).extract().path("id");
        double anonymousBefore = skipped("anonymous_refused");
        double limitedBefore = skipped("rate_limited");
        String unauthenticated = correlationId();
        String notFound = correlationId();
        String limited = correlationId();
        String after = correlationId();

        given().header("X-Correlation-Id", unauthenticated).when().get("/bookings/" + UUID.randomUUID())
                .then().statusCode(401);
        given().header("X-Correlation-Id", notFound).when().get("/no-such-path").then().statusCode(404);
        String streamer = "streamer-" + UUID.randomUUID();
        Customers.as(streamer).when().get("/bookings/" + UUID.randomUUID() + "/status-stream").then().statusCode(404);
        Customers.as(streamer).header("X-Correlation-Id", limited).when().get("/bookings/" + id + "/status-stream")
                .then().statusCode(429);
        asCustomer().header("X-Correlation-Id", after).when().get("/bookings/" + id).then().statusCode(200);

        awaitResponseEvent(after);
        assertThat(responseEvents(unauthenticated)).isEmpty();
        assertThat(responseEvents(notFound)).isEmpty();
        assertThat(responseEvents(limited)).isEmpty();
        assertThat(skipped("anonymous_refused")).isEqualTo(anonymousBefore + 2);
        assertThat(skipped("rate_limited")).isEqualTo(limitedBefore + 1);
    }

    @Test
    void noRoleQueueReceivesThem() {
        Quiescence quiet = Quiescence.ofThisApp(sqs, pool, registry, messaging, QueueRole.Names.BOOKING_STATUS,
                QueueRole.Names.BOOKING_TIMELINE);
        quiet.await();
        double received = receivedByTheApisRoles();
        String correlation = correlationId();
        asCustomer().contentType(ContentType.JSON).header("X-Correlation-Id", correlation).body("{}")
                .when().post("/bookings").then().statusCode(400);

        // On the topic, and kept out of the role queues by their subscriptions' filter policies.
        awaitResponseEvent(correlation);
        quiet.await();
        assertThat(receivedByTheApisRoles()).isEqualTo(received);
        assertThat(messagesIn(statusQueue() + "-dlq")).isZero();
    }

    private double skipped(String reason) {
        return registry.get("flights.response.events.skipped").tag("reason", reason).counter().count();
    }

    private static double receivedByTheApisRoles() {
        Prometheus metrics = Prometheus.scrape();
        return metrics.sum("flights_consumer_messages_total", "role", QueueRole.Names.BOOKING_STATUS, "outcome",
                "received")
                + metrics.sum("flights_consumer_messages_total", "role", QueueRole.Names.BOOKING_TIMELINE,
                        "outcome", "received");
    }

    private Message awaitResponseEvent(String correlationId) {
        return await().atMost(Duration.ofSeconds(10))
                .until(() -> responseEvents(correlationId), list -> !list.isEmpty()).get(0);
    }

    private List<Message> responseEvents(String correlationId) {
        return spy.poll().stream()
                .filter(m -> EventType.HTTP_RESPONSE_SENT.ceType().equals(attributes(m).get(MessageAttributes.TYPE)))
                .filter(m -> correlationId.equals(attributes(m).get(MessageAttributes.CORRELATION_ID)))
                .toList();
    }

    private static Map<String, String> attributes(Message message) {
        return message.messageAttributes().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().stringValue()));
    }

    private long messagesIn(String queue) {
        String url = sqs.getQueueUrl(r -> r.queueName(queue)).join().queueUrl();
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(r -> r.queueUrl(url)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .join().attributes();
        return Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    private static String correlationId() {
        return "resp-" + UUID.randomUUID();
    }

    private String statusQueue() {
        return MessagingNames.queue(messaging, QueueRole.Names.BOOKING_STATUS);
    }
}
