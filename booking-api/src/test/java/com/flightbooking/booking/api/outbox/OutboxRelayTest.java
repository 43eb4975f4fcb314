package com.flightbooking.booking.api.outbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.flightbooking.events.testing.Bookings;
import com.flightbooking.events.BookingRequested;
import com.flightbooking.events.EventCodec;
import com.flightbooking.events.EventEnvelope;
import com.flightbooking.events.EventType;
import com.flightbooking.events.messaging.TopicArn;
import com.flightbooking.events.testing.Sql;
import com.flightbooking.events.testing.SampleEvents;
import com.flightbooking.events.testing.SpyQueue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import software.amazon.awssdk.services.sns.SnsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.Message;

@QuarkusTest
class OutboxRelayTest {

    @Inject
    Pool pool;
    @Inject
    SnsAsyncClient sns;
    @Inject
    SqsAsyncClient sqs;
    @Inject
    TopicArn topicArn;
    @Inject
    EventCodec codec;

    private SpyQueue spy;

    @BeforeEach
    void subscribeASpy() {
        spy = SpyQueue.subscribe(sns, sqs, topicArn.get());
    }

    @Test
    void publishesTheBookingRequestedEventToTheTopic() {
        String id = given().contentType(ContentType.JSON).header("X-Correlation-Id", "corr-" + UUID.randomUUID())
                .body(Bookings.valid(UUID.randomUUID().toString()))
                .when().post("/bookings")
                .then().statusCode(202).extract().path("id");

        List<Message> received = await().atMost(Duration.ofSeconds(10)).until(() -> spy.pollFor(id), m -> !m.isEmpty());

        assertThat(received).hasSize(1);
        Message message = received.get(0);
        EventEnvelope event = codec.decode(message.body());
        assertThat(event.type()).isEqualTo(EventType.BOOKING_REQUESTED);
        assertThat(event.subject()).isEqualTo(id);
        assertThat(event.correlationId()).startsWith("corr-");
        BookingRequested data = event.dataAs(BookingRequested.class);
        assertThat(data.bookingId()).hasToString(id);
        assertThat(data.paymentToken()).isEqualTo("tok_visa_4242");
        assertThat(data.fare().amount()).isEqualByComparingTo("499.90");
        assertThat(message.messageAttributes().get("ce_type").stringValue()).isEqualTo(EventType.BOOKING_REQUESTED.ceType());
        assertThat(message.messageAttributes().get("ce_id").stringValue()).isEqualTo(event.id().toString());
        assertThat(message.messageAttributes().get("correlationid").stringValue()).isEqualTo(event.correlationId());
        await().atMost(Duration.ofSeconds(5)).until(() -> Sql.count(pool,
                "SELECT count(*) FROM outbox WHERE subject = $1 AND published_at IS NOT NULL", id) == 1);
    }

    @Test
    void theSweepPublishesARowThatACrashedRelayClaimedButNeverPublished() {
        EventEnvelope event = SampleEvents.bookingRequestedEvent(null, "120.00", "GBP");
        // As left by a relay that claimed the row (lease running, one attempt) and died before publishing it.
        Sql.execute(pool, """
                INSERT INTO outbox (event_id, event_type, subject, correlation_id, body, attempts, next_attempt_at)
                VALUES ($1, $2, $3, $4, $5, 1, now() + interval '1 second')""",
                event.id(), event.type().ceType(), event.subject(), event.correlationId(), codec.encode(event));

        List<Message> received = await().atMost(Duration.ofSeconds(10))
                .until(() -> spy.pollFor(event.subject()), m -> !m.isEmpty());

        assertThat(codec.decode(received.get(0).body())).isEqualTo(event);
        await().atMost(Duration.ofSeconds(5)).until(() -> Sql.count(pool,
                "SELECT count(*) FROM outbox WHERE event_id = $1 AND published_at IS NOT NULL", event.id()) == 1);
    }
}
