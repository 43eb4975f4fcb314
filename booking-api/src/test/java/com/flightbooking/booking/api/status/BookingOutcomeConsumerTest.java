package com.flightbooking.booking.api.status;

import static com.flightbooking.booking.api.Customers.asCustomer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.flightbooking.booking.api.TopicEvents;
import com.flightbooking.events.AirlineInfoUpdated;
import com.flightbooking.events.BookingDetails;
import com.flightbooking.events.BookingStatusChanged;
import com.flightbooking.events.EventCodec;
import com.flightbooking.events.EventEnvelope;
import com.flightbooking.events.PaymentDeclined;
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
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import software.amazon.awssdk.services.sns.SnsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * The API's own role: workers' outcome events, published on the topic, move bookings to their final status, and
 * every change is announced as {@code BookingStatusChanged}; a final status never changes again.
 */
@QuarkusTest
class BookingOutcomeConsumerTest {

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
    private final BookingDetails details = SampleEvents.details();

    @BeforeEach
    void subscribeASpy() {
        spy = SpyQueue.subscribe(sns, sqs, topicArn.get());
        quiescence = Quiescence.ofThisApp(sqs, pool, registry, messaging, QueueRole.Names.BOOKING_STATUS,
                QueueRole.Names.BOOKING_TIMELINE);
    }

    @Test
    void aFulfilledBookingIsConfirmedWithItsRecordLocatorAndTheChangeIsAnnounced() {
        String id = book();
        EventEnvelope fulfilled = SampleEvents.bookingFulfilledEvent(UUID.fromString(id), details, "ABC123");

        publish(fulfilled);

        await().atMost(Duration.ofSeconds(10)).until(() -> status(id), "CONFIRMED"::equals);
        asCustomer().when().get("/bookings/" + id).then().body("recordLocator", equalTo("ABC123"));
        await().atMost(Duration.ofSeconds(10)).until(() -> statusChanges(id), list -> !list.isEmpty());
        quiescence.await();
        assertThat(statusChanges(id)).singleElement().satisfies(change -> {
            BookingStatusChanged data = change.dataAs(BookingStatusChanged.class);
            assertThat(data.status()).isEqualTo(BookingStatusChanged.Status.CONFIRMED);
            assertThat(data.recordLocator()).isEqualTo("ABC123");
            assertThat(data.booking().passenger().email()).isEqualTo("ada@example.com");
            assertThat(change.correlationId()).isEqualTo(fulfilled.correlationId());
        });
    }

    @Test
    void aDeclinedPaymentEndsTheBookingWithTheProcessorsReason() {
        String id = book();

        publish(SampleEvents.event(new PaymentDeclined(UUID.fromString(id), details, "insufficient funds")));

        await().atMost(Duration.ofSeconds(10)).until(() -> status(id), "PAYMENT_DECLINED"::equals);
        asCustomer().when().get("/bookings/" + id).then().body("statusReason", equalTo("insufficient funds"));
    }

    @Test
    void aFailedFulfilmentEndsOnceTheRefundIsDoneWithTheFulfillersReason() {
        String id = book();
        UUID bookingId = UUID.fromString(id);

        publish(SampleEvents.fulfilmentFailedEvent(bookingId, details));
        publish(SampleEvents.paymentRefundedEvent(bookingId, details, PaymentRefunded.Reason.FULFILMENT_FAILED));

        await().atMost(Duration.ofSeconds(10)).until(() -> status(id), "FAILED_REFUNDED"::equals);
        asCustomer().when().get("/bookings/" + id).then().body("statusReason", equalTo("no seats left"));
    }

    @Test
    void aCancelledBookingIsNotConfirmedByALateEvent() {
        String id = book();
        asCustomer().when().post("/bookings/" + id + "/cancel").then().statusCode(202).body("status", equalTo("CANCELLED"));

        publish(SampleEvents.bookingFulfilledEvent(UUID.fromString(id), details, "LATE01"));
        publish(SampleEvents.event(new PaymentDeclined(UUID.fromString(id), details, "too late")));

        quiescence.await();
        asCustomer().when().get("/bookings/" + id).then()
                .body("status", equalTo("CANCELLED"))
                .body("recordLocator", equalTo(null));
        assertThat(statusChanges(id)).extracting(e -> e.dataAs(BookingStatusChanged.class).status())
                .containsExactly(BookingStatusChanged.Status.CANCELLED);
    }

    @Test
    void cancellingTwiceAnswersTheSameAndAnnouncesOnce() {
        String id = book();

        asCustomer().header("X-Correlation-Id", "cancel-1").when().post("/bookings/" + id + "/cancel")
                .then().statusCode(202).header("X-Correlation-Id", "cancel-1").body("status", equalTo("CANCELLED"));
        asCustomer().when().post("/bookings/" + id + "/cancel").then().statusCode(202).body("status", equalTo("CANCELLED"));

        await().atMost(Duration.ofSeconds(10)).until(() -> statusChanges(id), list -> !list.isEmpty());
        quiescence.await();
        assertThat(statusChanges(id)).singleElement().satisfies(change -> {
            assertThat(change.dataAs(BookingStatusChanged.class).status()).isEqualTo(BookingStatusChanged.Status.CANCELLED);
            assertThat(change.correlationId()).isEqualTo("cancel-1");
        });
    }

    @Test
    void aBookingThatEndedWithoutATripCannotBeCancelledAndAnUnknownOneIsNotFound() {
        String id = book();
        publish(SampleEvents.event(new PaymentDeclined(UUID.fromString(id), details, "insufficient funds")));
        await().atMost(Duration.ofSeconds(10)).until(() -> status(id), "PAYMENT_DECLINED"::equals);

        asCustomer().when().post("/bookings/" + id + "/cancel").then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", equalTo("Booking " + id + " is PAYMENT_DECLINED and cannot be cancelled."));
        asCustomer().when().post("/bookings/" + UUID.randomUUID() + "/cancel").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void whatTheAirlineAddsIsShownOnTheConfirmedBookingAndChangesNotItsStatus() {
        String id = book();
        UUID bookingId = UUID.fromString(id);
        publish(SampleEvents.bookingFulfilledEvent(bookingId, details, "UPG001"));
        await().atMost(Duration.ofSeconds(10)).until(() -> status(id), "CONFIRMED"::equals);
        asCustomer().when().get("/bookings/" + id).then()
                .body("cabin", equalTo(null)).body("loungePass", equalTo(false))
                .body("lastTicketingDate", equalTo(null));

        publish(SampleEvents.event(new AirlineInfoUpdated(bookingId, details, "UPG001", "BUSINESS", true, true,
                LocalDate.parse("2026-12-05"))));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> asCustomer().when().get("/bookings/" + id).then().extract().path("cabin"), "BUSINESS"::equals);
        asCustomer().when().get("/bookings/" + id).then()
                .body("status", equalTo("CONFIRMED"))
                .body("recordLocator", equalTo("UPG001"))
                .body("loungePass", equalTo(true))
                .body("lastTicketingDate", equalTo("2026-12-05"));
        quiescence.await();
        assertThat(statusChanges(id)).extracting(e -> e.dataAs(BookingStatusChanged.class).status())
                .containsExactly(BookingStatusChanged.Status.CONFIRMED);
    }

    @Test
    void aCancelledBookingIgnoresWhatTheAirlineAdds() {
        String id = book();
        UUID bookingId = UUID.fromString(id);
        publish(SampleEvents.bookingFulfilledEvent(bookingId, details, "CXL001"));
        await().atMost(Duration.ofSeconds(10)).until(() -> status(id), "CONFIRMED"::equals);
        asCustomer().when().post("/bookings/" + id + "/cancel").then().statusCode(202);

        publish(SampleEvents.event(new AirlineInfoUpdated(bookingId, details, "CXL001", "BUSINESS", true, true,
                LocalDate.parse("2026-12-05"))));

        quiescence.await();
        asCustomer().when().get("/bookings/" + id).then()
                .body("status", equalTo("CANCELLED"))
                .body("cabin", equalTo(null))
                .body("loungePass", equalTo(false))
                .body("lastTicketingDate", equalTo(null));
    }

    private String book() {
        return asCustomer().contentType(ContentType.JSON).body(Bookings.valid(UUID.randomUUID().toString()))
                .when().post("/bookings").then().statusCode(202).extract().path("id");
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
