package com.flightbooking.workers.tracing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.flightbooking.events.BookingRequested;
import com.flightbooking.events.EventEnvelope;
import com.flightbooking.events.EventType;
import com.flightbooking.events.testing.CapturedLogs;
import com.flightbooking.events.testing.SampleEvents;
import com.flightbooking.kit.messaging.MessageAttributes;
import com.flightbooking.kit.tracing.EventSpans;
import com.flightbooking.kit.tracing.TraceParents;
import com.flightbooking.workers.Partners;
import com.flightbooking.workers.Topic;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A worker continues the trace and the story of the event it handles: its consumer span is a child of the
 * publisher's, its partner calls and the event it publishes in turn carry the same trace and correlation id, and so
 * do its log lines.
 */
@QuarkusTest
class WorkerTraceTest {

    private static final Duration SOON = Duration.ofSeconds(20);

    @Inject
    InMemorySpanExporter spans;
    @Inject
    Topic topic;
    @Inject
    Partners partners;

    private CapturedLogs logs;

    @BeforeEach
    void watchLogs() {
        logs = CapturedLogs.start();
    }

    @AfterEach
    void stopWatching() {
        logs.close();
    }

    @Test
    void thePaymentRoleContinuesThePublishersTraceUpToTheEventItPublishes() {
        Topic.Spy spy = topic.spy();
        String traceId = hex(16);
        String publisherSpanId = hex(8);
        String traceparent = "00-" + traceId + "-" + publisherSpanId + "-01";
        BookingRequested requested = SampleEvents.bookingRequested("ACME-001", "120.00", "EUR");
        UUID bookingId = requested.bookingId();
        String correlationId = "checkout-" + UUID.randomUUID();

        topic.publish(EventEnvelope.of(requested, "/tests", SampleEvents.TIME, correlationId, traceparent));

        Topic.Published charged = await().atMost(SOON)
                .until(() -> spy.of(bookingId, EventType.PAYMENT_CHARGED), list -> !list.isEmpty()).get(0);
        assertThat(charged.event().correlationId()).isEqualTo(correlationId);
        assertThat(TraceParents.traceId(charged.event().traceparent())).isEqualTo(traceId);
        assertThat(charged.attributes()).containsEntry(MessageAttributes.CORRELATION_ID, correlationId);
        assertThat(TraceParents.traceId(charged.attributes().get(MessageAttributes.TRACEPARENT))).isEqualTo(traceId);

        LoggedRequest charge = partners.requests(postRequestedFor(urlPathEqualTo("/payment-processor/v1/charges")))
                .stream().filter(r -> r.getBodyAsString().contains(bookingId.toString())).findFirst().orElseThrow();
        assertThat(charge.getHeader("traceparent")).contains(traceId);
        assertThat(charge.getHeader("X-Correlation-Id")).isEqualTo(correlationId);

        await().atMost(SOON).untilAsserted(() -> assertThat(trace(traceId))
                .anySatisfy(span -> {
                    assertThat(span.getKind()).isEqualTo(SpanKind.CONSUMER);
                    assertThat(span.getAttributes().get(EventSpans.ROLE)).isEqualTo("payment");
                    assertThat(span.getParentSpanId()).isEqualTo(publisherSpanId);
                    assertThat(span.getAttributes().get(EventSpans.CORRELATION_ID)).isEqualTo(correlationId);
                    assertThat(span.getAttributes().get(EventSpans.BOOKING_ID)).isEqualTo(bookingId.toString());
                })
                .anySatisfy(span -> {
                    assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
                    assertThat(span.getAttributes().get(AttributeKey.stringKey("http.request.method")))
                            .isEqualTo("POST");
                })
                .anySatisfy(span -> {
                    assertThat(span.getKind()).isEqualTo(SpanKind.PRODUCER);
                    assertThat(span.getAttributes().get(EventSpans.EVENT_TYPE))
                            .isEqualTo(EventType.PAYMENT_CHARGED.ceType());
                }));
        assertThat(logs.lines()).anySatisfy(line -> {
            assertThat(line.message()).startsWith("Charged booking " + bookingId);
            assertThat(line.mdc()).containsEntry("correlationId", correlationId)
                    .containsEntry("bookingId", bookingId.toString()).containsEntry("traceId", traceId);
        });
    }

    @Test
    void theKitsLinesAboutAFailedDeliveryNameItsBookingLikeTheHandlers() {
        Topic.Spy spy = topic.spy();
        String traceId = hex(16);
        BookingRequested requested = SampleEvents.bookingRequested("ACME-001", "80.00", "EUR");
        UUID bookingId = requested.bookingId();
        String correlationId = "checkout-" + UUID.randomUUID();
        StubMapping unavailableOnce = partners.add(post(urlPathEqualTo("/payment-processor/v1/charges")).atPriority(1)
                .withRequestBody(matchingJsonPath("$.reference", equalTo(bookingId.toString())))
                .inScenario("charge outage " + bookingId)
                .whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("recovered")
                .willReturn(aResponse().withStatus(503)));
        try {
            topic.publish(EventEnvelope.of(requested, "/tests", SampleEvents.TIME, correlationId,
                    "00-" + traceId + "-" + hex(8) + "-01"));

            await().atMost(SOON).until(() -> spy.of(bookingId, EventType.PAYMENT_CHARGED), list -> !list.isEmpty());
        } finally {
            partners.remove(unavailableOnce);
        }
        assertThat(logs.lines()).anySatisfy(line -> {
            assertThat(line.message()).startsWith("Role payment: delivery 1 of message").contains("failed");
            assertThat(line.mdc()).containsEntry("correlationId", correlationId)
                    .containsEntry("bookingId", bookingId.toString()).containsEntry("traceId", traceId);
        });
    }

    private List<SpanData> trace(String traceId) {
        return spans.getFinishedSpanItems().stream().filter(s -> s.getTraceId().equals(traceId)).toList();
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        random[0] |= 1; // never the all-zero (invalid) id
        return HexFormat.of().formatHex(random);
    }
}
