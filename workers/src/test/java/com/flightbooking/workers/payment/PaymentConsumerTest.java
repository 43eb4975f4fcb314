package com.flightbooking.workers.payment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.flightbooking.events.BookingDetails;
import com.flightbooking.events.BookingRequested;
import com.flightbooking.events.BookingStatusChanged;
import com.flightbooking.events.EventEnvelope;
import com.flightbooking.events.EventType;
import com.flightbooking.events.FulfilmentFailed;
import com.flightbooking.events.PaymentCharged;
import com.flightbooking.events.PaymentDeclined;
import com.flightbooking.events.PaymentRefunded;
import com.flightbooking.events.QueueRole;
import com.flightbooking.events.testing.SampleEvents;
import com.flightbooking.events.testing.Sql;
import com.flightbooking.kit.messaging.MessageAttributes;
import com.flightbooking.workers.Partners;
import com.flightbooking.workers.Topic;
import com.flightbooking.workers.partner.PartnerApiKey;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** The payment role against the simulated payment processor, driven through the topic like in production. */
@QuarkusTest
class PaymentConsumerTest {

    // Generous: a loaded machine may be slow; a passing test returns as soon as the outcome is there.
    private static final Duration SOON = Duration.ofSeconds(20);
    private static final String CHARGES = "/payment-processor/v1/charges";
    private static final String REFUNDS = "/payment-processor/v1/refunds";
    // Well inside the client's read timeout (10 s), and long enough for a cancellation to be handled meanwhile.
    private static final int HELD_MS = 6000;

    private final ObjectMapper json = new ObjectMapper();

    @Inject
    Topic topic;
    @Inject
    Partners partners;
    @Inject
    Pool pool;

    @Test
    void chargesTheTokenOnceAndAnnouncesTheChargeInTheSameStory() throws Exception {
        Topic.Spy spy = topic.spy();
        BookingRequested requested = SampleEvents.bookingRequested("ACME-001", "499.90", "EUR");
        UUID bookingId = requested.bookingId();
        EventEnvelope cause = SampleEvents.event(requested);

        topic.publish(cause);

        Topic.Published charged = await().atMost(SOON)
                .until(() -> spy.of(bookingId, EventType.PAYMENT_CHARGED), list -> !list.isEmpty()).get(0);
        assertThat(charged.data(PaymentCharged.class).chargeId()).isEqualTo("ch_" + bookingId);
        assertThat(charged.data(PaymentCharged.class).booking()).isEqualTo(requested.details());
        assertThat(charged.event().correlationId()).isEqualTo(cause.correlationId());
        assertThat(charged.attributes()).containsEntry(MessageAttributes.CORRELATION_ID, cause.correlationId());
        assertThat(payment(bookingId)).satisfies(payment -> {
            assertThat(payment.status).isEqualTo(Payment.Status.CHARGED);
            assertThat(payment.chargeId).isEqualTo("ch_" + bookingId);
        });
        topic.awaitQuiescence("payment");
        assertThat(partners.effects().charges(bookingId.toString())).isEqualTo(1);
        List<LoggedRequest> charges = chargeRequests(bookingId);
        assertThat(charges).hasSize(1);
        LoggedRequest charge = charges.get(0);
        assertThat(charge.getHeader("Idempotency-Key")).isEqualTo("booking-" + bookingId + "-charge");
        assertThat(charge.getHeader(PartnerApiKey.HEADER)).isEqualTo("local-payment-processor-key");
        JsonNode body = json.readTree(charge.getBodyAsString());
        assertThat(body.get("token").asText()).isEqualTo("tok_mastercard_4444");
        assertThat(body.get("amount").decimalValue()).isEqualByComparingTo("499.90");
        assertThat(body.get("currency").asText()).isEqualTo("EUR");
        // The processor gets the token and what to charge, nothing else: no card number, no passenger.
        assertThat(fieldNames(body)).containsExactlyInAnyOrder("token", "amount", "currency", "reference");
    }

    @Test
    void aDeclinedCardIsAnnouncedWithTheProcessorsReasonAndNothingIsCharged() {
        Topic.Spy spy = topic.spy();
        UUID bookingId = UUID.randomUUID();
        topic.publish(SampleEvents.event(SampleEvents.bookingRequested(bookingId, "tok_declined_x",
                SampleEvents.details())));

        Topic.Published declined = await().atMost(SOON)
                .until(() -> spy.of(bookingId, EventType.PAYMENT_DECLINED), list -> !list.isEmpty()).get(0);

        assertThat(declined.data(PaymentDeclined.class).reason())
                .isEqualTo("The card was declined: insufficient funds");
        assertThat(payment(bookingId)).satisfies(payment -> {
            assertThat(payment.status).isEqualTo(Payment.Status.DECLINED);
            assertThat(payment.declineReason).isEqualTo("The card was declined: insufficient funds");
            assertThat(payment.chargeId).isNull();
        });
        topic.awaitQuiescence("payment");
        assertThat(outboxCount(bookingId, EventType.PAYMENT_CHARGED)).isZero();
        assertThat(partners.effects().charges(bookingId.toString())).isZero();
        assertThat(chargeRequests(bookingId)).singleElement().satisfies(request -> assertThat(
                request.getHeader("Idempotency-Key")).isEqualTo("booking-" + bookingId + "-charge"));
    }

    @Test
    void theSameRequestDeliveredTwiceChargesOnceUnderOneIdempotencyKey() {
        Topic.Spy spy = topic.spy();
        EventEnvelope requested = SampleEvents.event(SampleEvents.bookingRequested("ACME-001", "120.00", "GBP"));
        UUID bookingId = UUID.fromString(requested.subject());

        topic.publish(requested);
        topic.publish(requested);

        await().atMost(SOON).until(() -> spy.of(bookingId, EventType.PAYMENT_CHARGED), list -> !list.isEmpty());
        topic.awaitQuiescence("payment");
        assertThat(outboxCount(bookingId, EventType.PAYMENT_CHARGED)).isEqualTo(1);
        assertThat(spy.of(bookingId, EventType.PAYMENT_CHARGED)).hasSize(1);
        // Both deliveries may have reached the processor; it charges once per idempotency key.
        assertThat(partners.effects().charges(bookingId.toString())).isEqualTo(1);
        assertThat(payment(bookingId).status).isEqualTo(Payment.Status.CHARGED);
    }

    @Test
    void aFailedFulfilmentRefundsTheChargeOnce() throws Exception {
        Topic.Spy spy = topic.spy();
        BookingRequested requested = SampleEvents.bookingRequested("ACME-001", "499.90", "EUR");
        UUID bookingId = requested.bookingId();
        topic.publish(SampleEvents.event(requested));
        await().atMost(SOON).until(() -> payment(bookingId), p -> p != null && p.status == Payment.Status.CHARGED);
        EventEnvelope failed = SampleEvents.event(
                new FulfilmentFailed(bookingId, requested.details(), "no seats left"));

        topic.publish(failed);

        Topic.Published refunded = await().atMost(SOON)
                .until(() -> spy.of(bookingId, EventType.PAYMENT_REFUNDED), list -> !list.isEmpty()).get(0);
        assertThat(refunded.data(PaymentRefunded.class)).satisfies(data -> {
            assertThat(data.reason()).isEqualTo(PaymentRefunded.Reason.FULFILMENT_FAILED);
            assertThat(data.chargeId()).isEqualTo("ch_" + bookingId);
            assertThat(data.refundId()).isEqualTo("re_" + bookingId);
        });
        assertThat(refunded.event().correlationId()).isEqualTo(failed.correlationId());
        assertThat(payment(bookingId)).satisfies(payment -> {
            assertThat(payment.status).isEqualTo(Payment.Status.REFUNDED);
            assertThat(payment.refundReason).isEqualTo(PaymentRefunded.Reason.FULFILMENT_FAILED);
        });
        topic.awaitQuiescence("payment");
        assertThat(partners.effects().refunds(bookingId.toString())).isEqualTo(1);
        assertThat(partners.effects().charges(bookingId.toString())).isEqualTo(1);
        List<LoggedRequest> refunds = refundRequests(bookingId);
        assertThat(refunds).hasSize(1);
        LoggedRequest refund = refunds.get(0);
        assertThat(refund.getHeader("Idempotency-Key")).isEqualTo("booking-" + bookingId + "-refund");
        JsonNode body = json.readTree(refund.getBodyAsString());
        assertThat(body.get("charge").asText()).isEqualTo("ch_" + bookingId);
        assertThat(body.get("amount").decimalValue()).isEqualByComparingTo("499.90");
    }

    @Test
    void aBookingCancelledBeforeItsRequestArrivesIsNeverCharged() {
        UUID bookingId = UUID.randomUUID();
        BookingDetails booking = SampleEvents.details();
        topic.publish(SampleEvents.statusChangedEvent(bookingId, booking, BookingStatusChanged.Status.CANCELLED,
                null, "cancelled by the customer"));
        await().atMost(SOON).until(() -> payment(bookingId), p -> p != null && p.status == Payment.Status.CANCELLED);

        topic.publish(SampleEvents.event(SampleEvents.bookingRequested(bookingId, "tok_visa_4242", booking)));

        // The request is handled once the queue is empty; it must have left the payment as it was.
        topic.awaitQuiescence("payment");
        assertThat(payment(bookingId).status).isEqualTo(Payment.Status.CANCELLED);
        assertThat(chargeRequests(bookingId)).isEmpty();
        assertThat(outboxCount(bookingId, EventType.PAYMENT_CHARGED)).isZero();
    }

    @Test
    void aBookingCancelledAfterItsChargeIsRefunded() {
        Topic.Spy spy = topic.spy();
        BookingRequested requested = SampleEvents.bookingRequested(null, "230.00", "USD");
        UUID bookingId = requested.bookingId();
        topic.publish(SampleEvents.event(requested));
        await().atMost(SOON).until(() -> payment(bookingId), p -> p != null && p.status == Payment.Status.CHARGED);

        topic.publish(SampleEvents.statusChangedEvent(bookingId, requested.details(),
                BookingStatusChanged.Status.CANCELLED, null, "cancelled by the customer"));

        Topic.Published refunded = await().atMost(SOON)
                .until(() -> spy.of(bookingId, EventType.PAYMENT_REFUNDED), list -> !list.isEmpty()).get(0);
        assertThat(refunded.data(PaymentRefunded.class).reason())
                .isEqualTo(PaymentRefunded.Reason.BOOKING_CANCELLED);
        assertThat(payment(bookingId).status).isEqualTo(Payment.Status.REFUNDED);
        topic.awaitQuiescence("payment");
        assertThat(partners.effects().refunds(bookingId.toString())).isEqualTo(1);
        assertThat(refundRequests(bookingId)).singleElement().satisfies(request -> assertThat(
                request.getHeader("Idempotency-Key")).isEqualTo("booking-" + bookingId + "-refund"));
    }

    @Test
    void aProcessorOutageIsRetriedWithTheSameIdempotencyKey() {
        Topic.Spy spy = topic.spy();
        BookingRequested requested = SampleEvents.bookingRequested("ACME-001", "75.00", "EUR");
        UUID bookingId = requested.bookingId();
        StubMapping unavailableOnce = partners.add(post(urlPathEqualTo(CHARGES)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.reference", equalTo(bookingId.toString())))
                .inScenario("charge outage " + bookingId)
                .whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("recovered")
                .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":\"unavailable\",\"message\":\"try again later\"}")));
        try {
            topic.publish(SampleEvents.event(requested));

            await().atMost(SOON)
                    .until(() -> spy.of(bookingId, EventType.PAYMENT_CHARGED), list -> !list.isEmpty());
            assertThat(payment(bookingId).status).isEqualTo(Payment.Status.CHARGED);
            topic.awaitQuiescence("payment");
            assertThat(partners.effects().charges(bookingId.toString())).isEqualTo(1);
            assertThat(chargeRequests(bookingId)).hasSize(2)
                    .allSatisfy(r -> assertThat(r.getHeader("Idempotency-Key"))
                            .isEqualTo("booking-" + bookingId + "-charge"));
        } finally {
            partners.remove(unavailableOnce);
        }
    }

    @Test
    void aCancellationDuringASlowChargeIsRecordedAndRefundsTheChargeOnceItSucceeds() {
        Topic.Spy spy = topic.spy();
        BookingRequested requested = SampleEvents.bookingRequested("ACME-001", "310.00", "EUR");
        UUID bookingId = requested.bookingId();
        int deadLettersBefore = topic.deadLetters(QueueRole.Names.PAYMENT);
        // The processor holds this booking's charges, answering none until the test releases them: the cancellation
        // is handled while a charge is in flight, whatever the machine's speed.
        StubMapping held = partners.hold(CHARGES, bookingId, HELD_MS);
        try {
            topic.publish(SampleEvents.event(requested));
            await().atMost(SOON).until(() -> payment(bookingId),
                    p -> p != null && p.status == Payment.Status.CHARGING);

            topic.publish(SampleEvents.statusChangedEvent(bookingId, requested.details(),
                    BookingStatusChanged.Status.CANCELLED, null, "cancelled by the customer"));

            await().atMost(SOON).until(() -> payment(bookingId).refundReason,
                    reason -> reason == PaymentRefunded.Reason.BOOKING_CANCELLED);
            assertThat(payment(bookingId).status).isEqualTo(Payment.Status.CHARGING);
            assertThat(partners.effects().charges(bookingId.toString())).isZero();
        } finally {
            partners.remove(held);
        }

        Topic.Published refunded = await().atMost(SOON)
                .until(() -> spy.of(bookingId, EventType.PAYMENT_REFUNDED), list -> !list.isEmpty()).get(0);
        assertThat(refunded.data(PaymentRefunded.class).reason()).isEqualTo(PaymentRefunded.Reason.BOOKING_CANCELLED);
        assertThat(refunded.data(PaymentRefunded.class).chargeId()).isEqualTo("ch_" + bookingId);
        assertThat(payment(bookingId).status).isEqualTo(Payment.Status.REFUNDED);
        topic.awaitQuiescence(QueueRole.Names.PAYMENT);
        assertThat(partners.effects().charges(bookingId.toString())).isEqualTo(1);
        assertThat(partners.effects().refunds(bookingId.toString())).isEqualTo(1);
        assertThat(partners.effects().net(Set.of(bookingId.toString()))).isZero();
        assertThat(outboxCount(bookingId, EventType.PAYMENT_CHARGED)).isEqualTo(1);
        assertThat(outboxCount(bookingId, EventType.PAYMENT_REFUNDED)).isEqualTo(1);
        assertThat(topic.deadLetters(QueueRole.Names.PAYMENT)).isEqualTo(deadLettersBefore);
    }

    @Test
    void aCancellationDuringAChargeThatIsDeclinedRefundsNothing() {
        UUID bookingId = UUID.randomUUID();
        BookingDetails booking = SampleEvents.details();
        StubMapping slowDecline = partners.add(post(urlPathEqualTo(CHARGES)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.reference", equalTo(bookingId.toString())))
                .willReturn(aResponse().withFixedDelay(HELD_MS).withStatus(402)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":\"card_declined\",\"message\":\"The card was declined\"}")));
        try {
            topic.publish(SampleEvents.event(SampleEvents.bookingRequested(bookingId, "tok_visa_4242", booking)));
            await().atMost(SOON).until(() -> payment(bookingId),
                    p -> p != null && p.status == Payment.Status.CHARGING);

            topic.publish(SampleEvents.statusChangedEvent(bookingId, booking, BookingStatusChanged.Status.CANCELLED,
                    null, "cancelled by the customer"));
            await().atMost(SOON).until(() -> payment(bookingId), p -> p.status == Payment.Status.CHARGING
                    && p.refundReason == PaymentRefunded.Reason.BOOKING_CANCELLED);

            await().atMost(SOON).until(() -> payment(bookingId), p -> p.status == Payment.Status.DECLINED);
            topic.awaitQuiescence(QueueRole.Names.PAYMENT);
            assertThat(payment(bookingId).refundReason).isNull();
            assertThat(partners.effects().charges(bookingId.toString())).isZero();
            assertThat(refundRequests(bookingId)).isEmpty();
            assertThat(outboxCount(bookingId, EventType.PAYMENT_REFUNDED)).isZero();
        } finally {
            partners.remove(slowDecline);
        }
    }

    private List<LoggedRequest> chargeRequests(UUID bookingId) {
        RequestPatternBuilder charges = postRequestedFor(urlPathEqualTo(CHARGES))
                .withRequestBody(matchingJsonPath("$.reference", equalTo(bookingId.toString())));
        return partners.requests(charges);
    }

    private List<LoggedRequest> refundRequests(UUID bookingId) {
        return partners.requests(postRequestedFor(urlPathEqualTo(REFUNDS))
                .withRequestBody(matchingJsonPath("$.reference", equalTo(bookingId.toString()))));
    }

    private long outboxCount(UUID bookingId, EventType type) {
        return Sql.count(pool, "SELECT count(*) FROM outbox WHERE subject = $1 AND event_type = $2",
                bookingId.toString(), type.ceType());
    }

    private Payment payment(UUID bookingId) {
        var rows = pool.preparedQuery("SELECT status, charge_id, refund_reason, decline_reason FROM payment"
                + " WHERE booking_id = $1").execute(Tuple.of(bookingId)).await().indefinitely();
        if (rows.size() == 0) {
            return null;
        }
        Row row = rows.iterator().next();
        Payment payment = new Payment();
        payment.bookingId = bookingId;
        payment.status = Payment.Status.valueOf(row.getString("status"));
        payment.chargeId = row.getString("charge_id");
        payment.refundReason = row.getString("refund_reason") == null ? null
                : PaymentRefunded.Reason.valueOf(row.getString("refund_reason"));
        payment.declineReason = row.getString("decline_reason");
        return payment;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
