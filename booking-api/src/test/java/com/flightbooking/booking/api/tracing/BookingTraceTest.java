package com.flightbooking.booking.api.tracing;

import static com.flightbooking.booking.api.Customers.asCustomer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.flightbooking.events.EventCodec;
import com.flightbooking.events.EventEnvelope;
import com.flightbooking.events.EventType;
import com.flightbooking.events.PaymentDeclined;
import com.flightbooking.events.testing.Bookings;
import com.flightbooking.events.testing.CapturedLogs;
import com.flightbooking.events.testing.SampleEvents;
import com.flightbooking.events.testing.SpyQueue;
import com.flightbooking.kit.messaging.MessageAttributes;
import com.flightbooking.kit.messaging.TopicArn;
import com.flightbooking.kit.tracing.EventSpans;
import com.flightbooking.kit.tracing.TraceParents;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import software.amazon.awssdk.services.sns.SnsAsyncClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * One booking is one trace and one correlation id on the API's side: the request, its database work, the outbox
 * publish, the event on the topic, the API's own handling of a worker's answer and the event that announces it.
 */
@QuarkusTest
class BookingTraceTest {

    @Inject
    InMemorySpanExporter spans;
    @Inject
    SnsAsyncClient sns;
    @Inject
    SqsAsyncClient sqs;
    @Inject
    TopicArn topicArn;
    @Inject
    EventCodec codec;

    private SpyQueue spy;
    private CapturedLogs logs;

    @BeforeEach
    void watch() {
        spy = SpyQueue.subscribe(sns, sqs, topicArn.get());
        logs = CapturedLogs.start();
    }

    @AfterEach
    void stopWatching() {
        logs.close();
    }

    @Test
    void aBookingRequestIsOneTraceFromTheHttpRequestToTheEventOnTheTopic() {
        String correlationId = "checkout-" + UUID.randomUUID();
        String id = asCustomer().contentType(ContentType.JSON).header("X-Correlation-Id", correlationId)
                .body(Bookings.valid(UUID.randomUUID().toString()))
                .when().post("/bookings")
                .then().statusCode(202).header("X-Correlation-Id", correlationId).extract().path("id");

        Message requested = await().atMost(Duration.ofSeconds(10)).until(() -> spy.pollFor(id), m -> !m.isEmpty())
                .get(0);
        EventEnvelope event = codec.decode(requested.body());
        SpanData request = await().atMost(Duration.ofSeconds(5)).until(() -> span(SpanKind.SERVER, correlationId),
                s -> s != null);
        String traceId = request.getTraceId();

        assertThat(event.correlationId()).isEqualTo(correlationId);
        assertThat(TraceParents.traceId(event.traceparent())).isEqualTo(traceId);
        assertThat(attribute(requested, MessageAttributes.CORRELATION_ID)).isEqualTo(correlationId);
        assertThat(TraceParents.traceId(attribute(requested, MessageAttributes.TRACEPARENT))).isEqualTo(traceId);
        assertThat(request.getAttributes().get(EventSpans.BOOKING_ID)).isEqualTo(id);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(trace(traceId))
                .anySatisfy(s -> assertThat(s.getKind()).isEqualTo(SpanKind.CLIENT)) // the database
                .anySatisfy(s -> {
                    assertThat(s.getKind()).isEqualTo(SpanKind.PRODUCER);
                    assertThat(s.getName()).endsWith(" publish");
                    assertThat(s.getAttributes().get(EventSpans.BOOKING_ID)).isEqualTo(id);
                }));
        assertThat(logs.lines()).anySatisfy(line -> {
            assertThat(line.message()).isEqualTo("Booking " + id + " requested: flight LH400");
            assertThat(line.mdc()).containsEntry("correlationId", correlationId).containsEntry("bookingId", id)
                    .containsEntry("traceId", traceId);
        });
    }

    @Test
    void aWorkersAnswerIsHandledAndAnnouncedInTheBookingsTrace() {
        String correlationId = "checkout-" + UUID.randomUUID();
        String id = asCustomer().contentType(ContentType.JSON).header("X-Correlation-Id", correlationId)
                .body(Bookings.valid(UUID.randomUUID().toString()))
                .when().post("/bookings")
                .then().statusCode(202).extract().path("id");
        Message requested = await().atMost(Duration.ofSeconds(10)).until(() -> spy.pollFor(id), m -> !m.isEmpty())
                .get(0);
        String traceparent = attribute(requested, MessageAttributes.TRACEPARENT);
        String traceId = TraceParents.traceId(traceparent);

        // What the payment worker sends back, in the trace and story it received (see the workers' tests).
        EventEnvelope declined = EventEnvelope.of(
                new PaymentDeclined(UUID.fromString(id), SampleEvents.details(), "insufficient funds"), "test",
                SampleEvents.TIME, correlationId, traceparent);
        sns.publish(r -> r.topicArn(topicArn.get()).message(codec.encode(declined)).messageAttributes(Map.of(
                MessageAttributes.TYPE, string(declined.type().ceType()),
                MessageAttributes.CORRELATION_ID, string(correlationId),
                MessageAttributes.TRACEPARENT, string(traceparent)))).join();

        List<EventEnvelope> announced = await().atMost(Duration.ofSeconds(10)).until(() -> spy.pollFor(id).stream()
                .map(m -> codec.decode(m.body())).filter(e -> e.type() == EventType.BOOKING_STATUS_CHANGED).toList(),
                list -> !list.isEmpty());
        assertThat(announced).singleElement().satisfies(change -> {
            assertThat(change.correlationId()).isEqualTo(correlationId);
            assertThat(TraceParents.traceId(change.traceparent())).isEqualTo(traceId);
        });
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(trace(traceId))
                .anySatisfy(s -> {
                    assertThat(s.getKind()).isEqualTo(SpanKind.CONSUMER);
                    assertThat(s.getAttributes().get(EventSpans.ROLE)).isEqualTo("booking-status");
                    assertThat(s.getParentSpanId()).isEqualTo(traceparent.split("-")[2]);
                }));
        assertThat(logs.lines()).anySatisfy(line -> {
            assertThat(line.message()).isEqualTo("Booking " + id + " is PAYMENT_DECLINED");
            assertThat(line.mdc()).containsEntry("correlationId", correlationId).containsEntry("bookingId", id)
                    .containsEntry("traceId", traceId);
        });
    }

    @Test
    void aRequestWithoutCorrelationIdGetsOneOnEveryAnswer() {
        String id = asCustomer().contentType(ContentType.JSON).body(Bookings.valid(UUID.randomUUID().toString()))
                .when().post("/bookings")
                .then().statusCode(202).extract().path("id");

        String assigned = asCustomer().when().get("/bookings/" + id).then().statusCode(200).extract()
                .header("X-Correlation-Id");
        String notFound = asCustomer().when().get("/bookings/" + UUID.randomUUID()).then().statusCode(404).extract()
                .header("X-Correlation-Id");

        assertThat(assigned).isNotBlank();
        assertThat(notFound).isNotBlank().isNotEqualTo(assigned);
        // The server span ends after the response is written: wait for it to be exported.
        SpanData served = await().atMost(Duration.ofSeconds(5)).until(() -> span(SpanKind.SERVER, assigned),
                s -> s != null);
        assertThat(served.getAttributes().get(EventSpans.BOOKING_ID)).isEqualTo(id);
    }

    private SpanData span(SpanKind kind, String correlationId) {
        return spans.getFinishedSpanItems().stream()
                .filter(s -> s.getKind() == kind && correlationId.equals(s.getAttributes().get(EventSpans.CORRELATION_ID)))
                .findFirst().orElse(null);
    }

    private List<SpanData> trace(String traceId) {
        return spans.getFinishedSpanItems().stream().filter(s -> s.getTraceId().equals(traceId)).toList();
    }

    private static String attribute(Message message, String name) {
        var value = message.messageAttributes().get(name);
        return value == null ? null : value.stringValue();
    }

    private static MessageAttributeValue string(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
