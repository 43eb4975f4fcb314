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
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.flightbooking.events.BookingRequested;
import com.flightbooking.events.EventType;
import com.flightbooking.events.QueueRole;
import com.flightbooking.events.testing.SampleEvents;
import com.flightbooking.kit.messaging.MessagingConfig;
import com.flightbooking.kit.messaging.MessagingNames;
import com.flightbooking.workers.Partners;
import com.flightbooking.workers.Topic;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A processor outage longer than the queues' default delivery limit: the payment role's retry window, not a count,
 * decides when it gives up, and the queue's redrive policy does not end the window early.
 */
@QuarkusTest
@TestProfile(PaymentOutageTest.TwentySecondRetryWindow.class)
class PaymentOutageTest {

    private static final String CHARGES = "/payment-processor/v1/charges";
    private static final int FAILED_DELIVERIES = 6;

    /** The production shape (a window, the delivery count derived from it), scaled down to seconds. */
    public static class TwentySecondRetryWindow implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            // Empty: no delivery count of its own in this test, so the window sizes it.
            return Map.of("%test.mp.messaging.incoming.payment.max-receive-count", "",
                    "mp.messaging.incoming.payment.retry.window", "20s",
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

    @Test
    void anOutageOfSixDeliveriesEndsCharged() {
        Topic.Spy spy = topic.spy();
        BookingRequested requested = SampleEvents.bookingRequested("ACME-001", "75.00", "EUR");
        UUID bookingId = requested.bookingId();
        List<StubMapping> outage = new ArrayList<>();
        for (int failure = 0; failure < FAILED_DELIVERIES; failure++) {
            outage.add(partners.add(post(urlPathEqualTo(CHARGES)).atPriority(1)
                    .withRequestBody(matchingJsonPath("$.reference", equalTo(bookingId.toString())))
                    .inScenario("charge outage " + bookingId)
                    .whenScenarioStateIs(failure == 0 ? Scenario.STARTED : "failed " + failure)
                    .willSetStateTo("failed " + (failure + 1))
                    .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/json")
                            .withBody("{\"code\":\"unavailable\",\"message\":\"try again later\"}"))));
        }
        try {
            // 12 deliveries span at least 20 s here: 1 s, then 2 s less the jitter, rounded to whole seconds.
            assertThat(redriveMaxReceiveCount()).isEqualTo(12);

            topic.publish(SampleEvents.event(requested));

            await().atMost(Duration.ofSeconds(60))
                    .until(() -> spy.of(bookingId, EventType.PAYMENT_CHARGED), list -> !list.isEmpty());
            topic.awaitQuiescence(QueueRole.Names.PAYMENT);
            assertThat(partners.effects().charges(bookingId.toString())).isEqualTo(1);
            // At least: on a loaded machine a slow delivery can be received again (at least once), and the charge's
            // idempotency key makes the extra call harmless, as the single charge above shows.
            assertThat(partners.requests(postRequestedFor(urlPathEqualTo(CHARGES))
                    .withRequestBody(matchingJsonPath("$.reference", equalTo(bookingId.toString())))))
                    .hasSizeGreaterThanOrEqualTo(FAILED_DELIVERIES + 1);
            assertThat(QueueDepth.messagesIn(sqs, MessagingNames.deadLetterQueue(messaging, QueueRole.Names.PAYMENT))).isZero();
        } finally {
            outage.forEach(partners::remove);
        }
    }

    private int redriveMaxReceiveCount() {
        String url = sqs.getQueueUrl(r -> r.queueName(MessagingNames.queue(messaging, QueueRole.Names.PAYMENT)))
                .join().queueUrl();
        String policy = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.REDRIVE_POLICY))
                .join().attributes().get(QueueAttributeName.REDRIVE_POLICY);
        return Integer.parseInt(policy.replaceAll(".*\"maxReceiveCount\":\"?(\\d+)\"?.*", "$1"));
    }
}
