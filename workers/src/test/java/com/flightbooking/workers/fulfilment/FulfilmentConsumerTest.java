package com.flightbooking.workers.fulfilment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.flightbooking.events.BookingDetails;
import com.flightbooking.events.BookingFulfilled;
import com.flightbooking.events.BookingStatusChanged;
import com.flightbooking.events.EventEnvelope;
import com.flightbooking.events.EventType;
import com.flightbooking.events.FulfilmentFailed;
import com.flightbooking.events.QueueRole;
import com.flightbooking.events.ReservationCancelled;
import com.flightbooking.events.testing.SampleEvents;
import com.flightbooking.kit.messaging.MessageAttributes;
import com.flightbooking.workers.Partners;
import com.flightbooking.workers.Topic;
import com.flightbooking.workers.partner.PartnerApiKey;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** The fulfilment role against the simulated travel fulfiller, driven through the topic like in production. */
@QuarkusTest
class FulfilmentConsumerTest {

    // Generous: a loaded machine may be slow; a passing test returns as soon as the outcome is there.
    private static final Duration SOON = Duration.ofSeconds(20);
    private static final String RESERVATIONS = "/travel-fulfiller/v1/reservations";
    // Well inside the client's read timeout (10 s), and long enough for a cancellation to be handled meanwhile.
    private static final int HELD_MS = 6000;

    @Inject
    Topic topic;
    @Inject
    Partners partners;
    @Inject
    Pool pool;

    @Test
    void booksTheSeatOfAPaidBookingOnceAndAnnouncesItsRecordLocator() {
        Topic.Spy spy = topic.spy();
        UUID bookingId = UUID.randomUUID();
        BookingDetails booking = SampleEvents.details();
        EventEnvelope charged = SampleEvents.paymentChargedEvent(bookingId, booking);
        String recordLocator = bookingId.toString().substring(0, 6).toUpperCase(Locale.ROOT);

        topic.publish(charged);

        Topic.Published fulfilled = await().atMost(SOON)
                .until(() -> spy.of(bookingId, EventType.BOOKING_FULFILLED), list -> !list.isEmpty()).get(0);
        assertThat(fulfilled.data(BookingFulfilled.class).recordLocator()).isEqualTo(recordLocator);
        assertThat(fulfilled.data(BookingFulfilled.class).booking()).isEqualTo(booking);
        assertThat(fulfilled.attributes()).containsEntry(MessageAttributes.CORRELATION_ID, charged.correlationId());
        assertThat(reservation(bookingId)).satisfies(reservation -> {
            assertThat(reservation.status).isEqualTo(Reservation.Status.RESERVED);
            assertThat(reservation.recordLocator).isEqualTo(recordLocator);
            assertThat(reservation.attempts).isEqualTo(1);
        });
        topic.awaitQuiescence("fulfilment");
        assertThat(partners.effects().reservations(bookingId.toString())).isEqualTo(1);
        assertThat(reservationRequests(bookingId)).singleElement().satisfies(request -> {
            assertThat(request.getHeader("Idempotency-Key")).isEqualTo("booking-" + bookingId + "-reservation");
            assertThat(request.getHeader(PartnerApiKey.HEADER)).isEqualTo("local-travel-fulfiller-key");
        });
    }

    @Test
    void aRefusalByTheFulfillerFailsTheBookingWithoutRetrying() {
        Topic.Spy spy = topic.spy();
        UUID bookingId = UUID.randomUUID();
        BookingDetails fullFlight = SampleEvents.details("grace-" + bookingId + "@example.com", "ZZ999", null,
                "89.00", "EUR");

        topic.publish(SampleEvents.paymentChargedEvent(bookingId, fullFlight));

        Topic.Published failed = await().atMost(SOON)
                .until(() -> spy.of(bookingId, EventType.FULFILMENT_FAILED), list -> !list.isEmpty()).get(0);
        assertThat(failed.data(FulfilmentFailed.class).reason())
                .isEqualTo("travel fulfiller refused: No seats left on this flight");
        assertThat(reservation(bookingId)).satisfies(reservation -> {
            assertThat(reservation.status).isEqualTo(Reservation.Status.FAILED);
            assertThat(reservation.recordLocator).isNull();
        });
        topic.awaitQuiescence("fulfilment");
        assertThat(reservationRequests(bookingId)).hasSize(1);
        assertThat(partners.effects().reservations(bookingId.toString())).isZero();
        assertThat(spy.of(bookingId, EventType.BOOKING_FULFILLED)).isEmpty();
    }

    @Test
    void aCancelledBookingGivesItsSeatBack() {
        Topic.Spy spy = topic.spy();
        UUID bookingId = UUID.randomUUID();
        BookingDetails booking = SampleEvents.details();
        String recordLocator = bookingId.toString().substring(0, 6).toUpperCase(Locale.ROOT);
        topic.publish(SampleEvents.paymentChargedEvent(bookingId, booking));
        await().atMost(SOON).until(() -> reservation(bookingId),
                r -> r != null && r.status == Reservation.Status.RESERVED);
        EventEnvelope cancelled = SampleEvents.statusChangedEvent(bookingId, booking,
                BookingStatusChanged.Status.CANCELLED, recordLocator, "cancelled by the customer");

        topic.publish(cancelled);

        Topic.Published released = await().atMost(SOON)
                .until(() -> spy.of(bookingId, EventType.RESERVATION_CANCELLED), list -> !list.isEmpty()).get(0);
        assertThat(released.data(ReservationCancelled.class).recordLocator()).isEqualTo(recordLocator);
        assertThat(released.event().correlationId()).isEqualTo(cancelled.correlationId());
        assertThat(reservation(bookingId).status).isEqualTo(Reservation.Status.CANCELLED);
        topic.awaitQuiescence("fulfilment");
        assertThat(partners.effects().cancellations(recordLocator)).isEqualTo(1);
        assertThat(partners.requests(deleteRequestedFor(urlPathEqualTo(RESERVATIONS + "/" + recordLocator))))
                .singleElement().satisfies(request -> assertThat(request.getHeader("Idempotency-Key"))
                        .isEqualTo("booking-" + bookingId + "-reservation-cancellation"));
    }

    @Test
    void aBookingCancelledBeforeItIsPaidNeverGetsASeat() {
        UUID bookingId = UUID.randomUUID();
        BookingDetails booking = SampleEvents.details();
        topic.publish(SampleEvents.statusChangedEvent(bookingId, booking, BookingStatusChanged.Status.CANCELLED,
                null, "cancelled by the customer"));
        await().atMost(SOON).until(() -> reservation(bookingId),
                r -> r != null && r.status == Reservation.Status.CANCELLED);

        topic.publish(SampleEvents.paymentChargedEvent(bookingId, booking));

        // The charge is handled once the queue is empty; it must have left the reservation as it was.
        topic.awaitQuiescence("fulfilment");
        assertThat(reservation(bookingId).status).isEqualTo(Reservation.Status.CANCELLED);
        assertThat(reservationRequests(bookingId)).isEmpty();
    }

    @Test
    void aFulfillerThatKeepsFailingFailsTheBookingAfterMaxAttempts() {
        Topic.Spy spy = topic.spy();
        UUID bookingId = UUID.randomUUID();
        StubMapping alwaysUnavailable = partners.add(post(urlPathEqualTo(RESERVATIONS)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.reference", equalTo(bookingId.toString())))
                .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":\"unavailable\",\"message\":\"try again later\"}")));
        try {
            topic.publish(SampleEvents.paymentChargedEvent(bookingId, SampleEvents.details()));

            // flights.fulfilment.max-attempts is 2 in tests: one retry after the kit's first backoff.
            Topic.Published failed = await().atMost(SOON)
                    .until(() -> spy.of(bookingId, EventType.FULFILMENT_FAILED), list -> !list.isEmpty()).get(0);
            assertThat(failed.data(FulfilmentFailed.class).reason())
                    .startsWith("travel fulfiller kept failing (2 attempts)")
                    .contains("503");
            assertThat(reservation(bookingId)).satisfies(reservation -> {
                assertThat(reservation.status).isEqualTo(Reservation.Status.FAILED);
                assertThat(reservation.attempts).isEqualTo(2);
            });
            topic.awaitQuiescence("fulfilment");
            assertThat(partners.effects().reservations(bookingId.toString())).isZero();
            assertThat(reservationRequests(bookingId)).hasSize(2).allSatisfy(request -> assertThat(
                    request.getHeader("Idempotency-Key")).isEqualTo("booking-" + bookingId + "-reservation"));
        } finally {
            partners.remove(alwaysUnavailable);
        }
    }

    @Test
    void aCancellationWhileTheSeatIsSlowlyBookedIsRecordedAndReleasesTheSeatOnceBooked() {
        Topic.Spy spy = topic.spy();
        UUID bookingId = UUID.randomUUID();
        BookingDetails booking = SampleEvents.details();
        String recordLocator = bookingId.toString().substring(0, 6).toUpperCase(Locale.ROOT);
        int deadLettersBefore = topic.deadLetters(QueueRole.Names.FULFILMENT);
        // The fulfiller holds this booking's reservations, answering none until the test releases them: the
        // cancellation is handled while a reservation is in flight, whatever the machine's speed.
        StubMapping held = partners.hold(RESERVATIONS, bookingId, HELD_MS);
        try {
            topic.publish(SampleEvents.paymentChargedEvent(bookingId, booking));
            await().atMost(SOON).until(() -> reservation(bookingId),
                    r -> r != null && r.status == Reservation.Status.RESERVING);

            topic.publish(SampleEvents.statusChangedEvent(bookingId, booking, BookingStatusChanged.Status.CANCELLED,
                    null, "cancelled by the customer"));

            await().atMost(SOON).until(() -> reservation(bookingId).cancelRequested);
            assertThat(reservation(bookingId).status).isEqualTo(Reservation.Status.RESERVING);
            assertThat(partners.effects().reservations(bookingId.toString())).isZero();
        } finally {
            partners.remove(held);
        }

        Topic.Published released = await().atMost(SOON)
                .until(() -> spy.of(bookingId, EventType.RESERVATION_CANCELLED), list -> !list.isEmpty()).get(0);
        assertThat(released.data(ReservationCancelled.class).recordLocator()).isEqualTo(recordLocator);
        assertThat(reservation(bookingId).status).isEqualTo(Reservation.Status.CANCELLED);
        topic.awaitQuiescence(QueueRole.Names.FULFILMENT);
        assertThat(partners.effects().reservations(bookingId.toString())).isEqualTo(1);
        assertThat(partners.effects().cancellations(recordLocator)).isEqualTo(1);
        assertThat(spy.of(bookingId, EventType.RESERVATION_CANCELLED)).hasSize(1);
        assertThat(topic.deadLetters(QueueRole.Names.FULFILMENT)).isEqualTo(deadLettersBefore);
    }

    private List<LoggedRequest> reservationRequests(UUID bookingId) {
        return partners.requests(postRequestedFor(urlPathEqualTo(RESERVATIONS))
                .withRequestBody(matchingJsonPath("$.reference", equalTo(bookingId.toString()))));
    }

    private Reservation reservation(UUID bookingId) {
        var rows = pool
                .preparedQuery("SELECT status, attempts, record_locator, failure_reason, cancel_requested FROM reservation"
                        + " WHERE booking_id = $1")
                .execute(Tuple.of(bookingId)).await().indefinitely();
        if (rows.size() == 0) {
            return null;
        }
        Row row = rows.iterator().next();
        Reservation reservation = new Reservation();
        reservation.bookingId = bookingId;
        reservation.status = Reservation.Status.valueOf(row.getString("status"));
        reservation.attempts = row.getInteger("attempts");
        reservation.recordLocator = row.getString("record_locator");
        reservation.failureReason = row.getString("failure_reason");
        reservation.cancelRequested = row.getBoolean("cancel_requested");
        return reservation;
    }
}
