package com.flightbooking.workers.admin;

import static com.flightbooking.workers.Operators.asOps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.flightbooking.events.BookingRequested;
import com.flightbooking.events.EventCodec;
import com.flightbooking.events.EventEnvelope;
import com.flightbooking.events.QueueRole;
import com.flightbooking.events.testing.Prometheus;
import com.flightbooking.events.testing.SampleEvents;
import com.flightbooking.events.testing.Sql;
import com.flightbooking.kit.consumer.QueueConsumer;
import com.flightbooking.kit.messaging.MessageAttributes;
import com.flightbooking.kit.messaging.MessagingConfig;
import com.flightbooking.kit.messaging.MessagingNames;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.common.mapper.TypeRef;
import io.vertx.mutiny.sqlclient.Pool;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

@QuarkusTest
class DeadLetterResourceTest {

    @Inject
    SqsAsyncClient sqs;
    @Inject
    EventCodec codec;
    @Inject
    Pool pool;

    @Inject
    MessagingConfig messaging;

    @Test
    void listsDeadLettersWithTheirReasonAndRedrivesTheChosenBookingsOnly() {
        EventEnvelope chosen = deadLetter("ledger database was down");
        EventEnvelope other = deadLetter("ledger database was down");

        List<Map<String, Object>> listed = asOps().when().get("/admin/dlq/ledger")
                .then().statusCode(200).extract().as(new TypeRef<>() {
                });
        assertThat(listed).filteredOn(m -> chosen.subject().equals(m.get("bookingId"))).singleElement()
                .satisfies(m -> {
                    assertThat(m.get("eventType")).isEqualTo(chosen.type().ceType());
                    assertThat(m.get("reason")).isEqualTo("ledger database was down");
                    assertThat(m.get("deliveries")).isEqualTo(5);
                });

        asOps().queryParam("bookingId", chosen.subject())
                .when().post("/admin/dlq/ledger/redrive")
                .then().statusCode(200).body("redriven", equalTo(1));

        await().atMost(Duration.ofSeconds(10)).until(() -> Sql.count(pool,
                "SELECT count(*) FROM ledger_entry WHERE event_id = $1", chosen.id()) == 1);
        List<Map<String, Object>> remaining = asOps().when().get("/admin/dlq/ledger")
                .then().statusCode(200).extract().as(new TypeRef<>() {
                });
        assertThat(remaining).extracting(m -> m.get("bookingId")).contains(other.subject())
                .doesNotContain(chosen.subject());
        assertThat(Sql.count(pool, "SELECT count(*) FROM ledger_entry WHERE event_id = $1", other.id())).isZero();
    }

    @Test
    void theListingShowsNoNameEmailOrPaymentTokenButRedrivesTheMessageAsItWas() {
        UUID bookingId = UUID.randomUUID();
        BookingRequested requested = SampleEvents.bookingRequested(bookingId, "tok_visa_4242",
                SampleEvents.details("ada-" + bookingId + "@example.com", "BA117", "ACME-DLQ", "42.00", "EUR"));
        EventEnvelope event = SampleEvents.event(requested);
        park(event, "ledger database was down");

        List<Map<String, Object>> listed = asOps().when().get("/admin/dlq/ledger")
                .then().statusCode(200).extract().as(new TypeRef<>() {
                });

        assertThat(listed).filteredOn(m -> event.subject().equals(m.get("bookingId"))).singleElement()
                .extracting(m -> (String) m.get("body")).asString()
                .doesNotContain("ada-" + bookingId, "Grace Hopper", requested.paymentTokenRef())
                .contains(bookingId.toString(), "BA117", "[redacted]");
        asOps().queryParam("bookingId", event.subject())
                .when().post("/admin/dlq/ledger/redrive")
                .then().statusCode(200).body("redriven", equalTo(1));
    }

    @Test
    void anUnknownRoleIsNotFound() {
        asOps().when().get("/admin/dlq/teleporter").then().statusCode(404);
    }

    @Test
    void theDepthGaugeReportsWhatWaitsInEachRolesDeadLetterQueue() {
        deadLetter("ledger database was down");
        String dlqUrl = sqs.getQueueUrl(r -> r.queueName(ledgerQueue() + "-dlq")).join().queueUrl();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            double inSqs = Double.parseDouble(sqs.getQueueAttributes(r -> r.queueUrl(dlqUrl)
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).join().attributes()
                    .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
            Prometheus metrics = Prometheus.scrape();
            assertThat(metrics.sum("flights_consumer_dlq_depth", "role", "ledger")).isEqualTo(inSqs)
                    .isGreaterThanOrEqualTo(1);
            assertThat(metrics.samples("flights_consumer_dlq_depth")).hasSameSizeAs(messaging.roles().orElseThrow());
        });
    }

    /** A valid event parked in the DLQ the way the consumer parks it, as after an outage since fixed. */
    private EventEnvelope deadLetter(String reason) {
        EventEnvelope event = SampleEvents.paymentChargedEvent(UUID.randomUUID(),
                SampleEvents.details("dlq@example.com", "BA117", "ACME-DLQ", "42.00", "EUR"));
        park(event, reason);
        return event;
    }

    private void park(EventEnvelope event, String reason) {
        String dlqUrl = sqs.getQueueUrl(r -> r.queueName(ledgerQueue() + "-dlq")).join().queueUrl();
        sqs.sendMessage(r -> r.queueUrl(dlqUrl).messageBody(codec.encode(event)).messageAttributes(Map.of(
                MessageAttributes.TYPE, string(event.type().ceType()),
                MessageAttributes.SUBJECT, string(event.subject()),
                QueueConsumer.DEAD_LETTER_REASON, string(reason),
                QueueConsumer.DEAD_LETTER_RECEIVE_COUNT,
                MessageAttributeValue.builder().dataType("Number").stringValue("5").build()))).join();
    }

    private static MessageAttributeValue string(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }

    private String ledgerQueue() {
        return MessagingNames.queue(messaging, QueueRole.Names.LEDGER);
    }
}
