package com.flightbooking.workers.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.flightbooking.events.BookingDetails;
import com.flightbooking.events.EventCodec;
import com.flightbooking.events.EventEnvelope;
import com.flightbooking.events.EventType;
import com.flightbooking.events.LedgerEntryRecorded;
import com.flightbooking.events.Money;
import com.flightbooking.events.PaymentRefunded;
import com.flightbooking.events.QueueRole;
import com.flightbooking.events.testing.SampleEvents;
import com.flightbooking.events.testing.Sql;
import com.flightbooking.kit.messaging.MessageAttributes;
import com.flightbooking.kit.messaging.MessagingConfig;
import com.flightbooking.kit.messaging.MessagingNames;
import com.flightbooking.kit.messaging.TopicArn;
import com.flightbooking.workers.Topic;

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
    @Inject
    Topic topic;

    @Inject
    MessagingConfig messaging;

    @Test
    void recordsAChargeAndItsRefundSoTheBookingNetsToZero() {
        UUID bookingId = UUID.randomUUID();
        BookingDetails booking = SampleEvents.details("ledger@example.com", "BA117", "ACME-001", "499.90", "EUR");
        EventEnvelope charged = SampleEvents.paymentChargedEvent(bookingId, booking);
        EventEnvelope refunded = SampleEvents.paymentRefundedEvent(bookingId, booking,
                PaymentRefunded.Reason.FULFILMENT_FAILED);

        publish(charged);
        publish(refunded);

        List<LedgerEntry> recorded = await().atMost(Duration.ofSeconds(10))
                .until(() -> ledgerOf(bookingId), list -> list.size() == 2);
        assertThat(recorded).filteredOn(e -> e.kind == LedgerEntry.Kind.CHARGE).singleElement().satisfies(entry -> {
            assertThat(entry.eventId).isEqualTo(charged.id());
            assertThat(entry.corporateAccountId).isEqualTo("ACME-001");
            assertThat(entry.amount).isEqualByComparingTo("499.90");
            assertThat(entry.currency).isEqualTo("EUR");
            assertThat(entry.occurredAt).isEqualTo(charged.time());
        });
        assertThat(recorded).filteredOn(e -> e.kind == LedgerEntry.Kind.REFUND).singleElement()
                .satisfies(entry -> assertThat(entry.amount).isEqualByComparingTo("-499.90"));
        assertThat(recorded.stream().map(e -> e.amount).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo("0");
        await().atMost(Duration.ofSeconds(10)).until(() -> messagesIn(ledgerQueue()) == 0);
    }

    @Test
    void theSameChargeDeliveredTwiceOrAnnouncedTwiceIsRecordedOnce() {
        UUID bookingId = UUID.randomUUID();
        BookingDetails booking = SampleEvents.details("ledger@example.com", "BA117", null, "120.00", "GBP");
        EventEnvelope charged = SampleEvents.paymentChargedEvent(bookingId, booking);
        EventEnvelope announcedAgain = SampleEvents.paymentChargedEvent(bookingId, booking);

        publish(charged);
        publish(charged);
        publish(announcedAgain);

        await().atMost(Duration.ofSeconds(10)).until(() -> ledgerOf(bookingId), list -> list.size() == 1);
        // All three handled and deleted: had a second entry been written, it would be there by now.
        await().atMost(Duration.ofSeconds(10)).until(() -> messagesIn(ledgerQueue()) == 0);
        assertThat(ledgerOf(bookingId)).hasSize(1);
    }

    @Test
    void eachNewEntryIsAnnouncedOnceWithItsSignedAmountAndTheCausesCorrelation() {
        Topic.Spy spy = topic.spy();
        UUID bookingId = UUID.randomUUID();
        BookingDetails booking = SampleEvents.details("ledger@example.com", "BA117", "ACME-001", "499.90", "EUR");
        EventEnvelope charged = SampleEvents.paymentChargedEvent(bookingId, booking);
        EventEnvelope refunded = SampleEvents.paymentRefundedEvent(bookingId, booking,
                PaymentRefunded.Reason.FULFILMENT_FAILED);

        publish(charged);
        publish(refunded);

        List<Topic.Published> recorded = await().atMost(Duration.ofSeconds(10))
                .until(() -> spy.of(bookingId, EventType.LEDGER_ENTRY_RECORDED), list -> list.size() == 2);
        assertThat(recorded).extracting(p -> p.data(LedgerEntryRecorded.class).kind())
                .containsExactlyInAnyOrder(LedgerEntryRecorded.Kind.CHARGE, LedgerEntryRecorded.Kind.REFUND);
        assertThat(recorded).allSatisfy(published -> {
            EventEnvelope event = published.event();
            assertThat(event.source()).isEqualTo("/workers/ledger");
            assertThat(event.subject()).isEqualTo(bookingId.toString());
            LedgerEntryRecorded entry = event.dataAs(LedgerEntryRecorded.class);
            EventEnvelope cause = entry.kind() == LedgerEntryRecorded.Kind.CHARGE ? charged : refunded;
            assertThat(event.correlationId()).isEqualTo(cause.correlationId());
            assertThat(entry.amount()).isEqualTo(entry.kind() == LedgerEntryRecorded.Kind.CHARGE
                    ? new Money(new BigDecimal("499.90"), "EUR")
                    : new Money(new BigDecimal("-499.90"), "EUR"));
        });
    }

    @Test
    void aChargeDeliveredTwiceOrAnnouncedTwiceIsAnnouncedOnce() {
        Topic.Spy spy = topic.spy();
        UUID bookingId = UUID.randomUUID();
        BookingDetails booking = SampleEvents.details("ledger@example.com", "BA117", null, "120.00", "GBP");
        EventEnvelope charged = SampleEvents.paymentChargedEvent(bookingId, booking);

        publish(charged);
        publish(charged);
        publish(SampleEvents.paymentChargedEvent(bookingId, booking));

        await().atMost(Duration.ofSeconds(10)).until(() -> messagesIn(ledgerQueue()) == 0);
        // Every delivery handled and everything appended published: a second announcement would be on the topic.
        await().atMost(Duration.ofSeconds(10)).until(() -> Sql.count(pool,
                "SELECT count(*) FROM outbox WHERE subject = $1 AND published_at IS NULL", bookingId.toString()) == 0);
        assertThat(Sql.count(pool, "SELECT count(*) FROM outbox WHERE subject = $1 AND event_type = $2",
                bookingId.toString(), EventType.LEDGER_ENTRY_RECORDED.ceType())).isEqualTo(1);
        assertThat(await().atMost(Duration.ofSeconds(10))
                .until(() -> spy.of(bookingId, EventType.LEDGER_ENTRY_RECORDED), list -> !list.isEmpty()))
                .singleElement()
                .satisfies(p -> assertThat(p.data(LedgerEntryRecorded.class).amount().amount())
                        .isEqualByComparingTo("120.00"));
    }

    @Test
    void aMessageThatCannotBeDecodedEndsInTheDeadLetterQueueWithoutBlockingOthers() {
        String poison = "{\"specversion\":\"1.0\",\"type\":\"com.flightbooking.unknown.v1\",\"marker\":\""
                + UUID.randomUUID() + "\"}";
        sqs.sendMessage(r -> r.queueUrl(queueUrl(ledgerQueue())).messageBody(poison)).join();
        UUID bookingId = UUID.randomUUID();
        EventEnvelope good = SampleEvents.paymentChargedEvent(bookingId,
                SampleEvents.details("ledger@example.com", "BA117", null, "10.00", "USD"));
        publish(good);

        await().atMost(Duration.ofSeconds(10)).until(() -> ledgerOf(bookingId), list -> list.size() == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> dlqBodies().contains(poison));
    }

    private void publish(EventEnvelope event) {
        sns.publish(r -> r.topicArn(topicArn.get()).message(codec.encode(event)).messageAttributes(Map.of(
                MessageAttributes.TYPE, string(event.type().ceType()),
                MessageAttributes.ID, string(event.id().toString()),
                MessageAttributes.SUBJECT, string(event.subject())))).join();
    }

    private List<LedgerEntry> ledgerOf(UUID bookingId) {
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
        return sqs.receiveMessage(r -> r.queueUrl(queueUrl(ledgerQueue() + "-dlq")).maxNumberOfMessages(10)
                .visibilityTimeout(0)).join().messages().stream().map(m -> m.body()).toList();
    }

    private String queueUrl(String queue) {
        return sqs.getQueueUrl(r -> r.queueName(queue)).join().queueUrl();
    }

    private static MessageAttributeValue string(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }

    private String ledgerQueue() {
        return MessagingNames.queue(messaging, QueueRole.Names.LEDGER);
    }
}
