package com.flightbooking.booking.api.deadline;

import static com.flightbooking.booking.api.Customers.asCustomer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.flightbooking.booking.api.DeadlineAndSweepTimers;
import com.flightbooking.booking.api.TopicEvents;
import com.flightbooking.events.BookingDetails;
import com.flightbooking.events.BookingStatusChanged;
import com.flightbooking.events.EventCodec;
import com.flightbooking.events.EventEnvelope;
import com.flightbooking.events.PaymentRefunded;
import com.flightbooking.events.QueueRole;
import com.flightbooking.events.testing.Bookings;
import com.flightbooking.events.testing.Quiescence;
import com.flightbooking.events.testing.SampleEvents;
import com.flightbooking.events.testing.SpyQueue;
import com.flightbooking.kit.messaging.MessagingConfig;
import com.flightbooking.kit.messaging.TopicArn;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import software.amazon.awssdk.services.sns.SnsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * The saga's deadline against the real database and topic: no worker runs here, so a booking gets no outcome and the
 * deadline ends it; the workers' outcomes that arrive afterwards change nothing.
 */
@QuarkusTest
@TestProfile(DeadlineAndSweepTimers.class)
class SagaDeadlineTest {

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
    MessagingConfig messaging;
    @Inject
    Pool pool;
    @Inject
    MeterRegistry registry;

    private SpyQueue spy;
    private Quiescence quiescence;

    @BeforeEach
    void subscribeASpy() {
        spy = SpyQueue.subscribe(sns, sqs, topicArn.get());
        quiescence = Quiescence.ofThisApp(sqs, pool, registry, messaging, QueueRole.Names.BOOKING_STATUS,
                QueueRole.Names.BOOKING_TIMELINE);
    }

    @Test
    void aBookingWithoutAnOutcomeExpiresOnceWithItsReasonAndALateOutcomeDoesNotRevive() {
        String id = asCustomer().contentType(ContentType.JSON).body(Bookings.valid(UUID.randomUUID().toString()))
                .when().post("/bookings").then().statusCode(202).body("status", equalTo("PENDING")).extract()
                .path("id");
        UUID bookingId = UUID.fromString(id);

        await().atMost(SOON).until(() -> status(id), "EXPIRED"::equals);
        asCustomer().when().get("/bookings/" + id).then().body("statusReason", equalTo("no outcome within 3 seconds"));
        await().atMost(SOON).until(() -> statusChanges(id), list -> !list.isEmpty());
        BookingDetails details = statusChanges(id).get(0).dataAs(BookingStatusChanged.class).booking();

        // The partners answer after all: the workers compensate those (a refund, a released seat); here they are late.
        publish(SampleEvents.bookingFulfilledEvent(bookingId, details, "LATE01"));
        publish(SampleEvents.paymentRefundedEvent(bookingId, details, PaymentRefunded.Reason.FULFILMENT_FAILED));

        quiescence.await();
        asCustomer().when().get("/bookings/" + id).then()
                .body("status", equalTo("EXPIRED"))
                .body("recordLocator", equalTo(null))
                .body("statusReason", equalTo("no outcome within 3 seconds"));
        assertThat(statusChanges(id)).singleElement().satisfies(change -> {
            BookingStatusChanged expired = change.dataAs(BookingStatusChanged.class);
            assertThat(expired.status()).isEqualTo(BookingStatusChanged.Status.EXPIRED);
            assertThat(expired.reason()).isEqualTo("no outcome within 3 seconds");
            assertThat(change.correlationId()).isEqualTo("saga-deadline-" + id);
        });
        assertThat(registry.get("flights.bookings.concluded").tag("status", "EXPIRED").counter().count())
                .isGreaterThanOrEqualTo(1);
        JsonPath timeline = await().atMost(SOON)
                .until(() -> asCustomer().when().get("/bookings/" + id + "/timeline").then().statusCode(200)
                        .extract().jsonPath(),
                        steps -> steps.getList("steps.outcome", String.class)
                                .contains("EXPIRED: no outcome within 3 seconds"));
        assertThat(timeline.getString("status")).isEqualTo("EXPIRED");
    }

    private String status(String id) {
        return asCustomer().when().get("/bookings/" + id).then().statusCode(200).extract().path("status");
    }

    private List<EventEnvelope> statusChanges(String id) {
        return TopicEvents.statusChanges(spy, codec, id);
    }

    private void publish(EventEnvelope event) {
        TopicEvents.publish(sns, topicArn, codec, event);
    }
}
