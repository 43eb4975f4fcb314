package com.flightbooking.booking.api.status;

import static com.flightbooking.booking.api.Customers.asCustomer;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;

import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.flightbooking.booking.api.BookingStatus;
import com.flightbooking.events.EventCodec;
import com.flightbooking.events.EventEnvelope;
import com.flightbooking.events.testing.Bookings;
import com.flightbooking.events.testing.ManagementPort;
import com.flightbooking.events.testing.SampleEvents;
import com.flightbooking.events.testing.Sql;
import com.flightbooking.kit.messaging.MessageAttributes;
import com.flightbooking.kit.messaging.TopicArn;
import com.flightbooking.kit.postgres.PgNotifications;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import software.amazon.awssdk.services.sns.SnsAsyncClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/**
 * GET /bookings/{id}/status-stream, read by a real SSE client: the status now, each change as it commits (from the
 * database's notifications, whoever made the change), and the end of the stream at a final status.
 */
@QuarkusTest
class BookingStatusStreamTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @Inject
    BookingStatusStream streams;
    @Inject
    Vertx vertx;
    @Inject
    Pool pool;
    @Inject
    SnsAsyncClient sns;
    @Inject
    TopicArn topicArn;
    @Inject
    EventCodec codec;

    @TestHTTPResource("/bookings")
    URI bookings;

    @Test
    void aPendingBookingIsFollowedToItsConfirmationAndTheStreamEnds() throws Exception {
        String id = book();

        try (SseRecording stream = SseRecording.open(vertx, streamOf(id))) {
            assertThat(stream.statusCode()).isEqualTo(200);
            assertThat(stream.contentType()).startsWith("text/event-stream");
            await().atMost(PATIENCE).until(stream::statuses, List.of("PENDING")::equals);

            publish(SampleEvents.bookingFulfilledEvent(UUID.fromString(id), SampleEvents.details(), "SSE001"));

            await().atMost(PATIENCE).until(stream::ended);
            assertThat(stream.statuses()).containsExactly("PENDING", "CONFIRMED");
            JsonObject confirmed = stream.events().get(1);
            assertThat(confirmed.getString("bookingId")).isEqualTo(id);
            assertThat(confirmed.getString("recordLocator")).isEqualTo("SSE001");
            assertThat(confirmed.getString("updatedAt"))
                    .isEqualTo(asCustomer().when().get("/bookings/" + id).then().extract().path("updatedAt"));
            assertThat(confirmed.containsKey("statusReason")).isFalse();
        }
    }

    @Test
    void aClientConnectingAfterTheEndGetsTheFinalStatusAndTheStreamEnds() throws Exception {
        String id = book();
        asCustomer().when().post("/bookings/" + id + "/cancel").then().statusCode(202);

        try (SseRecording stream = SseRecording.open(vertx, streamOf(id))) {
            await().atMost(PATIENCE).until(stream::ended);
            assertThat(stream.statusCode()).isEqualTo(200);
            assertThat(stream.statuses()).containsExactly("CANCELLED");
        }
        // As curl -N reads it: any Accept, and the whole body is the one event.
        asCustomer().when().get("/bookings/" + id + "/status-stream").then().statusCode(200)
                .contentType(startsWith("text/event-stream"))
                .body(matchesPattern("data: ?\\{\"bookingId\":\"" + id + "\",\"status\":\"CANCELLED\".*\\}\\s*"));
    }

    @Test
    void anUnknownBookingIsANotFoundProblem() throws Exception {
        String id = UUID.randomUUID().toString();

        try (SseRecording stream = SseRecording.open(vertx, streamOf(id))) {
            await().atMost(PATIENCE).until(stream::ended);
            assertThat(stream.statusCode()).isEqualTo(404);
            assertThat(stream.contentType()).startsWith("application/problem+json");
            JsonObject problem = new JsonObject(stream.body());
            assertThat(problem.getInteger("status")).isEqualTo(404);
            assertThat(problem.getString("detail")).isEqualTo("No booking " + id);
        }
    }

    @Test
    void aChangeCommittedByAnotherConnectionReachesTheStream() throws Exception {
        String id = book();

        try (SseRecording stream = SseRecording.open(vertx, streamOf(id))) {
            await().atMost(PATIENCE).until(stream::statuses, List.of("PENDING")::equals);

            // As another replica would: no call into this instance, only the committed row and its notification.
            Sql.execute(pool, "UPDATE booking SET status = 'PAYMENT_DECLINED', status_reason = 'card expired',"
                    + " updated_at = now() WHERE id = $1", UUID.fromString(id));

            await().atMost(PATIENCE).until(stream::ended);
            assertThat(stream.statuses()).containsExactly("PENDING", "PAYMENT_DECLINED");
            assertThat(stream.events().get(1).getString("statusReason")).isEqualTo("card expired");
        }
    }

    @Test
    void aChangeCommittedWhileTheListenerIsDisconnectedIsStillSent() throws Exception {
        String id = book();

        try (SseRecording stream = SseRecording.open(vertx, streamOf(id))) {
            await().atMost(PATIENCE).until(stream::statuses, List.of("PENDING")::equals);
            long listener = listenerPid();

            // One round trip, so the commit follows the listener's end by far less than its 1 s reconnect delay: the
            // notification goes nowhere, and the stream can only learn of the change when the listener is back.
            RowSet<Row> results = pool.query("BEGIN;"
                    + " UPDATE booking SET status = 'CANCELLED', updated_at = now() WHERE id = '" + id + "';"
                    + " SELECT pg_terminate_backend(" + listener + ", 5000) AS terminated;"
                    + " COMMIT;"
                    + " SELECT clock_timestamp() AS committed").execute().await().atMost(PATIENCE);
            assertThat(results.rowCount()).isZero();
            RowSet<Row> update = results.next();
            assertThat(update.rowCount()).isEqualTo(1);
            RowSet<Row> termination = update.next();
            assertThat(termination.iterator().next().getBoolean("terminated")).isTrue();
            OffsetDateTime committed = termination.next().next().iterator().next().getOffsetDateTime("committed");

            await().atMost(PATIENCE).until(stream::ended);
            assertThat(stream.statuses()).containsExactly("PENDING", "CANCELLED");
            // The listener the stream heard back from connected after the commit: the change came by catching up.
            assertThat(Sql.count(pool, "SELECT count(*) FROM pg_stat_activity WHERE application_name = $1"
                    + " AND backend_start > $2", PgNotifications.APPLICATION_NAME, committed)).isEqualTo(1);
        }
    }

    @Test
    void aChangeThatLeavesTheStatusAsItWasSendsNothing() throws Exception {
        String id = book();

        try (SseRecording stream = SseRecording.open(vertx, streamOf(id))) {
            await().atMost(PATIENCE).until(stream::statuses, List.of("PENDING")::equals);

            Sql.execute(pool, "UPDATE booking SET updated_at = now() WHERE id = $1", UUID.fromString(id));
            asCustomer().when().post("/bookings/" + id + "/cancel").then().statusCode(202);

            await().atMost(PATIENCE).until(stream::ended);
            assertThat(stream.statuses()).containsExactly("PENDING", "CANCELLED");
        }
    }

    @Test
    void aClientThatLeavesEarlyLeavesNothingBehind() throws Exception {
        String id = book();
        double before = openWatches();

        SseRecording stream = SseRecording.open(vertx, streamOf(id));
        await().atMost(PATIENCE).until(stream::statuses, List.of("PENDING")::equals);
        assertThat(openWatches()).isEqualTo(before + 1);
        stream.close();

        await().atMost(PATIENCE).until(() -> openWatches() == before);
    }

    @Test
    void aStreamEndsAfterItsMaximumDurationAndLeavesNothingBehind() {
        String id = book();
        double before = openWatches();

        AssertSubscriber<BookingStatusUpdate> subscriber = streams.follow(UUID.fromString(id), Duration.ofSeconds(2))
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));

        subscriber.awaitCompletion(PATIENCE);
        assertThat(subscriber.getItems()).extracting(BookingStatusUpdate::status)
                .containsExactly(BookingStatus.PENDING);
        await().atMost(PATIENCE).until(() -> openWatches() == before);
    }

    @Test
    void isDescribedWithItsNotFoundProblem() {
        given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .body("paths.'/bookings/{id}/status-stream'.get.responses.'200'.content", hasKey("text/event-stream"))
                .body("paths.'/bookings/{id}/status-stream'.get.responses.'404'.content",
                        hasKey("application/problem+json"));
    }

    private long listenerPid() {
        return Sql.count(pool, "SELECT pid::bigint FROM pg_stat_activity WHERE application_name = $1",
                PgNotifications.APPLICATION_NAME);
    }

    private URI streamOf(String id) {
        return URI.create(bookings + "/" + id + "/status-stream");
    }

    private String book() {
        return asCustomer().contentType(ContentType.JSON).body(Bookings.valid(UUID.randomUUID().toString()))
                .when().post("/bookings").then().statusCode(202).extract().path("id");
    }

    private double openWatches() {
        String metrics = ManagementPort.given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(line -> line.startsWith("flights_status_stream_watches"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElseThrow();
    }

    private void publish(EventEnvelope event) {
        sns.publish(r -> r.topicArn(topicArn.get()).message(codec.encode(event)).messageAttributes(Map.of(
                MessageAttributes.TYPE, string(event.type().ceType()),
                MessageAttributes.ID, string(event.id().toString()),
                MessageAttributes.SUBJECT, string(event.subject())))).join();
    }

    private static MessageAttributeValue string(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
