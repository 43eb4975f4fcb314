package com.flightbooking.workers.payment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.flightbooking.events.BookingRequested;
import com.flightbooking.events.EventType;
import com.flightbooking.events.QueueRole;
import com.flightbooking.events.testing.Prometheus;
import com.flightbooking.events.testing.SampleEvents;
import com.flightbooking.kit.messaging.MessagingConfig;
import com.flightbooking.kit.messaging.MessagingNames;
import com.flightbooking.workers.Partners;
import com.flightbooking.workers.Topic;
import com.flightbooking.workers.partner.PartnerCircuitBreakers;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * A processor outage opens the payment processor's circuit breaker: the payment role stops taking bookings instead of
 * spending their deliveries, probes the processor once per delay, and charges every booking once it is back.
 */
@QuarkusTest
@TestProfile(PaymentCircuitBreakerTest.TrippingBreaker.class)
class PaymentCircuitBreakerTest {

    private static final String CHARGES = "/payment-processor/v1/charges";
    private static final int BOOKINGS = 4;

    /**
     * A breaker that opens once half of its last four calls failed, and stays open ten seconds: long enough that a
     * test thread starved for seconds on a busy machine still looks at it while it is open.
     */
    public static class TrippingBreaker implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("%test.flights.partners.payment-processor.circuit-breaker.request-volume-threshold", "4",
                    "%test.flights.partners.payment-processor.circuit-breaker.failure-ratio", "0.5",
                    "%test.flights.partners.payment-processor.circuit-breaker.delay", "10s",
                    "%test.mp.messaging.incoming.payment.max-receive-count", "",
                    "mp.messaging.incoming.payment.retry.window", "60s",
                    "mp.messaging.incoming.payment.retry.initial-delay", "1s",
                    "mp.messaging.incoming.payment.retry.max-delay", "2s",
                    "flights.messaging.roles", QueueRole.Names.PAYMENT);
        }
    }

    @Inject
    Topic topic;
    @Inject
    Partners partners;
    @Inject
    SqsAsyncClient sqs;
    @Inject
    MessagingConfig messaging;
    @Inject
    PartnerCircuitBreakers breakers;
    @Inject
    MeterRegistry registry;

    @Test
    void theRoleHoldsItsBookingsWhileTheProcessorIsDownAndChargesEachOnceWhenItIsBack() {
        Topic.Spy spy = topic.spy();
        StubMapping outage = partners.add(post(urlPathEqualTo(CHARGES)).atPriority(1)
                .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":\"unavailable\",\"message\":\"try again later\"}")));
        List<UUID> bookings = new ArrayList<>();
        try {
            for (int i = 0; i < BOOKINGS; i++) {
                BookingRequested requested = SampleEvents.bookingRequested("ACME-00" + i, "75.00", "EUR");
                bookings.add(requested.bookingId());
                topic.publish(SampleEvents.event(requested));
            }

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> breakers.paymentProcessor().state() == CircuitBreakerState.OPEN);
            int callsWhenOpened = chargeCalls();
            // Open for ten seconds: the failed bookings come back after their one-second backoff, but the role
            // does not take them, so the processor hears nothing.
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofMillis(3500))
                    .until(() -> chargeCalls() == callsWhenOpened);
            assertThat(Prometheus.scrape().samples("flights_partner_circuit_breaker_state", "partner",
                    PartnerCircuitBreakers.PAYMENT_PROCESSOR, "state", "open"))
                    .singleElement().satisfies(sample -> assertThat(sample.value()).isEqualTo(1.0));

            // The probe finds it still down and opens the breaker again.
            await().atMost(Duration.ofSeconds(30)).until(() -> chargeCalls() > callsWhenOpened);
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> breakers.paymentProcessor().state() == CircuitBreakerState.OPEN);
        } finally {
            partners.remove(outage);
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> bookings.stream()
                .allMatch(id -> !spy.of(id, EventType.PAYMENT_CHARGED).isEmpty()));
        assertThat(breakers.paymentProcessor().state()).isEqualTo(CircuitBreakerState.CLOSED);
        assertThat(registry.get("flights.partner.circuit.breaker.transitions")
                .tags("partner", PartnerCircuitBreakers.PAYMENT_PROCESSOR, "state", "half_open").counter().count())
                .isGreaterThanOrEqualTo(2);
        topic.awaitQuiescence(QueueRole.Names.PAYMENT);
        for (UUID id : bookings) {
            assertThat(partners.effects().charges(id.toString())).isEqualTo(1);
        }
        assertThat(QueueDepth.messagesIn(sqs, MessagingNames.deadLetterQueue(messaging, QueueRole.Names.PAYMENT))).isZero();
    }

    private int chargeCalls() {
        return partners.requests(postRequestedFor(urlPathEqualTo(CHARGES))).size();
    }
}
