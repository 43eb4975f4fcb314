package com.flightbooking.workers.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.flightbooking.events.BookingRequested;
import com.flightbooking.events.EventCodec;
import com.flightbooking.events.EventEnvelope;
import com.flightbooking.events.messaging.MessageAttributes;
import com.flightbooking.events.messaging.TopicArn;
import com.flightbooking.events.testing.SampleEvents;
import com.flightbooking.events.testing.Sql;
import com.flightbooking.workers.LedgerEntry;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import software.amazon.awssdk.services.sns.SnsAsyncClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

@QuarkusTest
class LedgerConsumerTest {

    @Inject
    SnsAsyncClient sns;
    @Inject
    SqsAsyncClient sqs;
    @Inject
    TopicArn topicArn;
    @Inject
    EventCodec codec;
    @Inject
    Pool pool;

    @ConfigProperty(name = "mp.messaging.incoming.ledger.queue")
    String ledgerQueue;

    @Test
    void recordsABookingRequestedFromTheTopic() {
        EventEnvelope event = SampleEvents.bookingRequestedEvent("ACME-001", "499.90", "EUR");

        publish(event);

        List<LedgerEntry> recorded = await().atMost(Duration.ofSeconds(10))
                .until(() -> ledgerOf(event), list -> !list.isEmpty());
        assertThat(recorded).singleElement().satisfies(entry -> {
            assertThat(entry.eventId).isEqualTo(event.id());
            assertThat(entry.kind).isEqualTo(LedgerEntry.Kind.BOOKING_REQUESTED);
            assertThat(entry.corporateAccountId).isEqualTo("ACME-001");
            assertThat(entry.amount).isEqualByComparingTo("499.90");
            assertThat(entry.currency).isEqualTo("EUR");
            assertThat(entry.occurredAt).isEqualTo(event.time());
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> messagesIn(ledgerQueue) == 0);
    }

    @Test
    void theSameEventDeliveredTwiceIsRecordedOnce() {
        EventEnvelope event = SampleEvents.bookingRequestedEvent(null, "120.00", "GBP");

        publish(event);
        publish(event);

        await().atMost(Duration.ofSeconds(10)).until(() -> Sql.count(pool,
                "SELECT count(*) FROM inbox WHERE consumer = 'ledger' AND event_id = $1", event.id()) == 1);
        // Both deliveries handled and deleted: had the second created an entry, it would be there by now.
        await().atMost(Duration.ofSeconds(10)).until(() -> messagesIn(ledgerQueue) == 0);
        assertThat(ledgerOf(event)).hasSize(1);
    }

    @Test
    void aMessageThatCannotBeDecodedEndsInTheDeadLetterQueueWithoutBlockingOthers() {
        String poison = "{\"specversion\":\"1.0\",\"type\":\"com.flightbooking.unknown.v1\",\"marker\":\""
                + UUID.randomUUID() + "\"}";
        sqs.sendMessage(r -> r.queueUrl(queueUrl(ledgerQueue)).messageBody(poison)).join();
        EventEnvelope good = SampleEvents.bookingRequestedEvent(null, "10.00", "USD");
        publish(good);

        await().atMost(Duration.ofSeconds(10)).until(() -> ledgerOf(good), list -> list.size() == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> dlqBodies().contains(poison));
    }

    private void publish(EventEnvelope event) {
        sns.publish(r -> r.topicArn(topicArn.get()).message(codec.encode(event)).messageAttributes(Map.of(
                MessageAttributes.TYPE, string(event.type().ceType()),
                MessageAttributes.ID, string(event.id().toString()),
                MessageAttributes.SUBJECT, string(event.subject())))).join();
    }

    private List<LedgerEntry> ledgerOf(EventEnvelope event) {
        UUID bookingId = event.dataAs(BookingRequested.class).bookingId();
        List<LedgerEntry> found = new ArrayList<>();
        pool.preparedQuery("SELECT event_id, kind, corporate_account_id, amount, currency, occurred_at"
                + " FROM ledger_entry WHERE booking_id = $1").execute(Tuple.of(bookingId)).await().indefinitely()
                .forEach(row -> {
                    LedgerEntry entry = new LedgerEntry();
                    entry.eventId = row.getUUID("event_id");
                    entry.kind = LedgerEntry.Kind.valueOf(row.getString("kind"));
                    entry.corporateAccountId = row.getString("corporate_account_id");
                    entry.amount = row.getBigDecimal("amount");
                    entry.currency = row.getString("currency");
                    entry.occurredAt = row.getOffsetDateTime("occurred_at").toInstant();
                    found.add(entry);
                });
        return found;
    }

    private long messagesIn(String queue) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl(queue))
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .join().attributes();
        return Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    private List<String> dlqBodies() {
        return sqs.receiveMessage(r -> r.queueUrl(queueUrl(ledgerQueue + "-dlq")).maxNumberOfMessages(10)
                .visibilityTimeout(0)).join().messages().stream().map(m -> m.body()).toList();
    }

    private String queueUrl(String queue) {
        return sqs.getQueueUrl(r -> r.queueName(queue)).join().queueUrl();
    }

    private static MessageAttributeValue string(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
