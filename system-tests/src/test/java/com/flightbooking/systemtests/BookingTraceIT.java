package com.flightbooking.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.flightbooking.events.testing.Bookings;
import com.flightbooking.systemtests.TraceCollector.ExportedSpan;

import io.restassured.http.ContentType;

/**
 * Following one booking through every layer, as ops would: both packaged apps export their spans to an OTLP
 * collector, and their console logs are read as printed. The booking is one trace from the HTTP request through the
 * outbox, the topic, every worker role and the partner calls, and every log line written about it names its
 * correlation id, booking and trace.
 */
@ExtendWith(SharedSystem.class)
class BookingTraceIT {

    private static final Duration SAGA = Duration.ofSeconds(30);

    private static RunningSystem system;
    private static TraceCollector collector;
    private static SharedSystem.AppLog appLog;

    @BeforeAll
    static void useTheSharedSystem(RunningSystem shared, TraceCollector sharedCollector, SharedSystem.AppLog log) {
        system = shared;
        collector = sharedCollector;
        appLog = log;
    }

    @Test
    void oneBookingIsOneTraceAcrossBothAppsAndItsLogLinesNameIt() {
        String correlationId = "checkout-" + UUID.randomUUID();
        String email = "trace-" + UUID.randomUUID() + "@example.com";
        String id = system.asCustomer().contentType(ContentType.JSON)
                .header("X-Correlation-Id", correlationId)
                .body(Bookings.body(system.offer("FRA", "JFK", "LH400").id(), "Ada Lovelace", email, "tok_visa_4242"))
                .when().post("/bookings")
                .then().statusCode(202).header("X-Correlation-Id", correlationId).extract().path("id");
        await().atMost(SAGA).until(() -> system.status(id), "CONFIRMED"::equals);
        await().atMost(SAGA).until(() -> system.mailbox().of(email).size() == 1);

        String traceId = await().atMost(SAGA).until(() -> collector.spans().stream()
                .filter(s -> s.kind().equals("SPAN_KIND_SERVER")
                        && correlationId.equals(s.attributes().get("flights.correlation_id")))
                .map(ExportedSpan::traceId).findFirst().orElse(null), t -> t != null);
        await().atMost(SAGA).untilAsserted(() -> assertThat(rolesHandling(traceId))
                .containsEntry("booking-status", "booking-api")
                .containsEntry("payment", "workers")
                .containsEntry("fulfilment", "workers")
                .containsEntry("ledger", "workers")
                .containsEntry("notification", "workers"));
        List<ExportedSpan> trace = collector.spans().stream().filter(s -> s.traceId().equals(traceId)).toList();
        assertThat(trace).anySatisfy(span -> {
            assertThat(span.service()).isEqualTo("booking-api");
            assertThat(span.kind()).isEqualTo("SPAN_KIND_PRODUCER");
            assertThat(span.attributes()).containsEntry("flights.event_type", "com.flightbooking.booking.requested.v1");
        });
        assertThat(trace).filteredOn(span -> span.service().equals("workers") && span.kind().equals("SPAN_KIND_CLIENT")
                && span.attributes().containsKey("http.request.method")).hasSizeGreaterThanOrEqualTo(2);

        String ids = "correlationId=" + correlationId + " bookingId=" + id + " traceId=" + traceId;
        await().atMost(SAGA).untilAsserted(() -> assertThat(linesNaming(ids))
                .anySatisfy(line -> assertThat(line).startsWith("[booking-api]").contains("Booking " + id + " requested"))
                .anySatisfy(line -> assertThat(line).startsWith("[booking-api]").contains("Booking " + id + " is CONFIRMED"))
                .anySatisfy(line -> assertThat(line).startsWith("[workers]").contains("Charged booking " + id))
                .anySatisfy(line -> assertThat(line).startsWith("[workers]").contains("Seat booked for booking " + id))
                .anySatisfy(
                        line -> assertThat(line).startsWith("[workers]").contains("Ledger recorded CHARGE for booking " + id))
                .anySatisfy(line -> assertThat(line).startsWith("[workers]").contains("about booking " + id)));
    }

    /** Which app handled the trace's events, per role. */
    private static Map<String, String> rolesHandling(String traceId) {
        Map<String, String> roles = new HashMap<>();
        collector.spans().stream()
                .filter(s -> s.traceId().equals(traceId) && s.kind().equals("SPAN_KIND_CONSUMER"))
                .forEach(s -> roles.put(s.attributes().get("flights.role"), s.service()));
        return roles;
    }

    private static List<String> linesNaming(String ids) {
        return appLog.linesContaining(ids);
    }
}
