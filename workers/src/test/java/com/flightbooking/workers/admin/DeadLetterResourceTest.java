package com.flightbooking.workers.admin;

import static com.flightbooking.workers.Operators.asOps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

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
import io.restassured.path.json.JsonPath;
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
                .then().statusCode(200).extract().jsonPath().getList("messages");
        assertThat(listed).filteredOn(m -> chosen.subject().equals(m.get("bookingId"))).singleElement()
                .satisfies(m -> {
                    assertThat(m.get("eventType")).isEqualTo(chosen.type().ceType());
                    assertThat(m.get("reason")).isEqualTo("ledger database was down");
                    assertThat(m.get("deliveries")).isEqualTo(5);
                });

        asOps().queryParam("bookingId", chosen.subject())
                .when().post("/admin/dlq/ledger/redrive")
                .then().statusCode(200).body("moved", equalTo(1));

        await().atMost(Duration.ofSeconds(10)).until(() -> Sql.count(pool,
                "SELECT count(*) FROM ledger_entry WHERE event_id = $1", chosen.id()) == 1);
        List<Map<String, Object>> remaining = asOps().when().get("/admin/dlq/ledger")
                .then().statusCode(200).extract().jsonPath().getList("messages");
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
                .then().statusCode(200).extract().jsonPath().getList("messages");

        assertThat(listed).filteredOn(m -> event.subject().equals(m.get("bookingId"))).singleElement()
                .extracting(m -> (String) m.get("body")).asString()
                .doesNotContain("ada-" + bookingId, "Grace Hopper", requested.paymentTokenRef())
                .contains(bookingId.toString(), "BA117", "[redacted]");
        asOps().queryParam("bookingId", event.subject())
                .when().post("/admin/dlq/ledger/redrive")
                .then().statusCode(200).body("moved", equalTo(1));
    }

    @Test
    void aListingShowsAtMostItsLimitAndSaysThatMoreMayExist() {
        UUID bookingId = UUID.randomUUID();
        List<String> parked = List.of(park(bookingId), park(bookingId), park(bookingId));

        JsonPath page = asOps().queryParam("bookingId", bookingId.toString()).queryParam("limit", 2)
                .when().get("/admin/dlq/ledger").then().statusCode(200).extract().jsonPath();
        assertThat(page.getList("messages.messageId", String.class)).hasSize(2).isSubsetOf(parked);
        assertThat(page.getBoolean("moreMayExist")).isTrue();
        assertThat(page.getLong("approximateDepth")).isGreaterThanOrEqualTo(3);

        JsonPath all = asOps().queryParam("bookingId", bookingId.toString()).queryParam("limit", 10)
                .when().get("/admin/dlq/ledger").then().statusCode(200).extract().jsonPath();
        assertThat(all.getList("messages.messageId", String.class)).containsExactlyInAnyOrderElementsOf(parked);
    }

    @Test
    void aRedriveMovesAtMostItsMaximumOfTheChosenBookingAndAgainFindsNothingToMove() {
        UUID bookingId = UUID.randomUUID();
        Set<String> parked = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            parked.add(park(bookingId));
        }
        EventEnvelope bystander = deadLetter("ledger database was down");

        Set<String> moved = new HashSet<>();
        for (int expected : new int[] { 2, 2, 1, 0 }) {
            JsonPath redrive = redrive(bookingId, 1, 2);
            assertThat(redrive.getInt("moved")).isEqualTo(expected);
            assertThat(redrive.getList("messages.bookingId", String.class)).hasSize(expected)
                    .allMatch(bookingId.toString()::equals);
            assertThat(redrive.getList("notDeleted")).isEmpty();
            assertThat(redrive.getBoolean("moreMayExist")).isEqualTo(expected == 2);
            moved.addAll(redrive.getList("messages.messageId", String.class));
        }
        assertThat(moved).isEqualTo(parked);
        assertThat(listedBookings(bystander.subject())).containsExactly(bystander.subject());
    }

    @Test
    void twoRedrivesAtOnceMoveEachMessageOnce() throws Exception {
        UUID bookingId = UUID.randomUUID();
        Set<String> parked = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            parked.add(park(bookingId));
        }
        CyclicBarrier start = new CyclicBarrier(2);
        Callable<JsonPath> redrive = () -> {
            start.await();
            return redrive(bookingId, 1, 100);
        };
        ExecutorService operators = Executors.newFixedThreadPool(2);
        try {
            Future<JsonPath> first = operators.submit(redrive);
            Future<JsonPath> second = operators.submit(redrive);
            List<String> firstMoved = first.get().getList("messages.messageId", String.class);
            List<String> secondMoved = second.get().getList("messages.messageId", String.class);

            assertThat(firstMoved).doesNotHaveDuplicates().doesNotContainAnyElementsOf(secondMoved);
            assertThat(Stream.concat(firstMoved.stream(), secondMoved.stream()).toList())
                    .containsExactlyInAnyOrderElementsOf(parked);
            assertThat(first.get().getInt("moved") + second.get().getInt("moved")).isEqualTo(parked.size());
        } finally {
            operators.shutdownNow();
        }
        assertThat(listedBookings(bookingId.toString())).isEmpty();
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

    private JsonPath redrive(UUID bookingId, int batchSize, int max) {
        return asOps().queryParam("bookingId", bookingId.toString()).queryParam("batchSize", batchSize)
                .queryParam("max", max).when().post("/admin/dlq/ledger/redrive")
                .then().statusCode(200).extract().jsonPath();
    }

    private List<String> listedBookings(String bookingId) {
        return asOps().queryParam("bookingId", bookingId).queryParam("limit", 100).when().get("/admin/dlq/ledger")
                .then().statusCode(200).extract().jsonPath().getList("messages.bookingId", String.class);
    }

    /** Parks a valid event of the booking and answers its SQS message id. */
    private String park(UUID bookingId) {
        return park(SampleEvents.paymentChargedEvent(bookingId,
                SampleEvents.details("dlq@example.com", "BA117", "ACME-DLQ", "42.00", "EUR")),
                "ledger database was down");
    }

    private String park(EventEnvelope event, String reason) {
        String dlqUrl = sqs.getQueueUrl(r -> r.queueName(ledgerQueue() + "-dlq")).join().queueUrl();
        return sqs.sendMessage(r -> r.queueUrl(dlqUrl).messageBody(codec.encode(event)).messageAttributes(Map.of(
                MessageAttributes.TYPE, string(event.type().ceType()),
                MessageAttributes.SUBJECT, string(event.subject()),
                QueueConsumer.DEAD_LETTER_REASON, string(reason),
                QueueConsumer.DEAD_LETTER_RECEIVE_COUNT,
                MessageAttributeValue.builder().dataType("Number").stringValue("5").build()))).join().messageId();
    }

    private static MessageAttributeValue string(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }

    private String ledgerQueue() {
        return MessagingNames.queue(messaging, QueueRole.Names.LEDGER);
    }
}
