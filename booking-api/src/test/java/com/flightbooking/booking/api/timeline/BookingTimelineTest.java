package com.flightbooking.booking.api.timeline;

import static com.flightbooking.booking.api.Customers.asCustomer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.flightbooking.events.BookingDetails;
import com.flightbooking.events.BookingFulfilled;
import com.flightbooking.events.CustomerNotified;
import com.flightbooking.events.EventCodec;
import com.flightbooking.events.EventEnvelope;
import com.flightbooking.events.EventPayload;
import com.flightbooking.events.EventType;
import com.flightbooking.events.LedgerEntryRecorded;
import com.flightbooking.events.PaymentCharged;
import com.flightbooking.events.PaymentDeclined;
import com.flightbooking.events.QueueRole;
import com.flightbooking.events.testing.Bookings;
import com.flightbooking.events.testing.SampleEvents;
import com.flightbooking.events.testing.Sql;
import com.flightbooking.kit.messaging.MessageAttributes;
import com.flightbooking.kit.messaging.MessagingConfig;
import com.flightbooking.kit.messaging.MessagingNames;
import com.flightbooking.kit.messaging.TopicArn;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import software.amazon.awssdk.services.sns.SnsAsyncClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The timeline role and {@code GET /bookings/{id}/timeline}: the booking's own request and the services' events,
 * published on the topic as the workers would, become its steps in time order, each once.
 */
@QuarkusTest
class BookingTimelineTest {

    private static final Duration SOON = Duration.ofSeconds(20);

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

    private final BookingDetails details = SampleEvents.details("ada@example.com", "LH1234", "ACME-001", "499.90",
            "EUR");

    @Test
    void aConfirmedBookingListsEveryStepInOrderWithItsServiceAndOutcome() {
        String id = book();
        UUID bookingId = UUID.fromString(id);
        awaitSteps(id, "requested", "published");

        publish(at(new PaymentCharged(bookingId, details, "ch_" + id), "/workers/payment"));
        publish(at(new LedgerEntryRecorded(bookingId, LedgerEntryRecorded.Kind.CHARGE, details.fare()),
                "/workers/ledger"));
        publish(at(new BookingFulfilled(bookingId, details, "ABC123"), "/workers/fulfilment"));
        await().atMost(SOON).until(() -> status(id), "CONFIRMED"::equals);
        publish(at(new CustomerNotified(bookingId, "CONFIRMED"), "/workers/notification"));

        JsonPath timeline = awaitSteps(id, "requested", "published", "charged", "recorded", "fulfilled",
                "status changed", "emailed");
        assertThat(timeline.getString("bookingId")).isEqualTo(id);
        assertThat(timeline.getString("status")).isEqualTo("CONFIRMED");
        assertThat(timeline.getList("steps.service")).containsExactly("/booking-api", "/booking-api",
                "/workers/payment", "/workers/ledger", "/workers/fulfilment", "/booking-api", "/workers/notification");
        assertThat(timeline.getList("steps.eventType")).containsExactly(EventType.BOOKING_REQUESTED.ceType(),
                EventType.BOOKING_REQUESTED.ceType(), EventType.PAYMENT_CHARGED.ceType(),
                EventType.LEDGER_ENTRY_RECORDED.ceType(), EventType.BOOKING_FULFILLED.ceType(),
                EventType.BOOKING_STATUS_CHANGED.ceType(), EventType.CUSTOMER_NOTIFIED.ceType());
        // The request's step names the offer's flight and price; the later steps, the events this test made up.
        List<String> outcomes = timeline.getList("steps.outcome", String.class);
        assertThat(outcomes.get(0)).matches("LH400 FRA-JFK, \\d+\\.\\d{2} EUR");
        assertThat(outcomes.subList(1, outcomes.size())).containsExactly("published to the topic",
                "charged 499.90 EUR", "CHARGE 499.90 EUR", "record locator ABC123", "CONFIRMED",
                "email sent: confirmation");
        List<Instant> times = timeline.getList("steps.at", String.class).stream().map(Instant::parse).toList();
        assertThat(times).isSorted();
    }

    @Test
    void aRedeliveredOrRepeatedEventAddsNoStep() {
        String id = book();
        UUID bookingId = UUID.fromString(id);
        awaitSteps(id, "requested", "published");
        EventEnvelope declined = at(new PaymentDeclined(bookingId, details, "insufficient funds"), "/workers/payment");

        publish(declined);
        publish(declined);
        publish(declined);

        await().atMost(SOON).until(() -> messagesIn(timelineQueue()) == 0);
        JsonPath timeline = awaitSteps(id, "requested", "published", "declined", "status changed");
        assertThat(timeline.getList("steps.outcome", String.class)).contains("declined: insufficient funds",
                "PAYMENT_DECLINED: insufficient funds");
        assertThat(Sql.count(pool, "SELECT count(*) FROM booking_timeline WHERE event_id = $1", declined.id()))
                .isEqualTo(1);
    }

    @Test
    void eventsArrivingTogetherAndTwiceAreEachRecordedOnce() {
        // Thirty events at once, each twice: the role's handlers record them in shared statements, some holding an
        // event and its copy together.
        List<EventEnvelope> events = IntStream.range(0, 30)
                .mapToObj(i -> SampleEvents.customerNotifiedEvent(UUID.randomUUID(), "CONFIRMED")).toList();
        List<EventEnvelope> twice = Stream.concat(events.stream(), events.stream()).toList();
        CompletableFuture.allOf(twice.stream().map(this::publishAsync).toArray(CompletableFuture[]::new)).join();

        UUID[] ids = events.stream().map(EventEnvelope::id).toArray(UUID[]::new);
        await().atMost(SOON).until(() -> Sql.count(pool,
                "SELECT count(DISTINCT event_id) FROM booking_timeline WHERE event_id = ANY($1)", (Object) ids) == 30);
        await().atMost(SOON).until(() -> messagesIn(timelineQueue()) == 0);
        assertThat(Sql.count(pool, "SELECT count(*) FROM booking_timeline WHERE event_id = ANY($1)", (Object) ids))
                .isEqualTo(30);
    }

    @Test
    void anUnknownBookingHasNoTimeline() {
        UUID unknown = UUID.randomUUID();
        EventEnvelope notified = SampleEvents.customerNotifiedEvent(unknown, "CONFIRMED");
        publish(notified);

        // The role records steps whatever the booking: only a booking the API knows has a timeline to show.
        await().atMost(SOON).until(() -> Sql.count(pool, "SELECT count(*) FROM booking_timeline WHERE event_id = $1",
                notified.id()) == 1);
        asCustomer().when().get("/bookings/" + unknown + "/timeline").then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("detail", equalTo("No booking " + unknown));
    }

    @Test
    void theBookingItselfIsStillServedBesideItsTimeline() {
        String id = book();

        asCustomer().when().get("/bookings/" + id).then().statusCode(200).body("id", equalTo(id));
        asCustomer().when().get("/bookings/" + id + "/timeline").then().statusCode(200).body("bookingId", equalTo(id))
                .body("status", equalTo("PENDING"));
    }

    /** Waits until the booking's timeline lists exactly these steps, in this order. */
    private JsonPath awaitSteps(String id, String... steps) {
        return await().atMost(SOON).until(() -> timeline(id),
                timeline -> timeline.getList("steps.step", String.class).equals(List.of(steps)));
    }

    private JsonPath timeline(String id) {
        return asCustomer().when().get("/bookings/" + id + "/timeline").then().statusCode(200)
                .contentType(ContentType.JSON).extract().jsonPath();
    }

    private String book() {
        return asCustomer().contentType(ContentType.JSON).body(Bookings.valid(UUID.randomUUID().toString()))
                .when().post("/bookings").then().statusCode(202).extract().path("id");
    }

    private String status(String id) {
        return asCustomer().when().get("/bookings/" + id).then().statusCode(200).extract().path("status");
    }

    /** An event of {@code source}'s, happening now. */
    private static EventEnvelope at(EventPayload payload, String source) {
        return EventEnvelope.of(payload, source, Instant.now(), "timeline-" + UUID.randomUUID(), null);
    }

    private void publish(EventEnvelope event) {
        publishAsync(event).join();
    }

    private CompletableFuture<?> publishAsync(EventEnvelope event) {
        return sns.publish(r -> r.topicArn(topicArn.get()).message(codec.encode(event)).messageAttributes(Map.of(
                MessageAttributes.TYPE, string(event.type().ceType()),
                MessageAttributes.ID, string(event.id().toString()),
                MessageAttributes.SUBJECT, string(event.subject()))));
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

    private static MessageAttributeValue string(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }

    private String timelineQueue() {
        return MessagingNames.queue(messaging, QueueRole.Names.BOOKING_TIMELINE);
    }
}
