package com.flightbooking.workers.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.flightbooking.events.EventCodec;
import com.flightbooking.events.EventEnvelope;
import com.flightbooking.events.QueueRole;
import com.flightbooking.events.testing.SampleEvents;
import com.flightbooking.events.testing.Sql;
import com.flightbooking.kit.messaging.MessageAttributes;
import com.flightbooking.kit.messaging.MessagingConfig;
import com.flightbooking.kit.messaging.MessagingNames;
import com.flightbooking.kit.messaging.TopicArn;
import com.flightbooking.workers.FiltersInTheConsumerOnly;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import software.amazon.awssdk.services.sns.SnsAsyncClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/** With filters in the consumer only, events the ledger role filters out are acknowledged and counted, never handled. */
@QuarkusTest
@TestProfile(FiltersInTheConsumerOnly.class)
class LedgerOperabilityTest {

    @Inject
    SnsAsyncClient sns;
    @Inject
    TopicArn topicArn;
    @Inject
    EventCodec codec;
    @Inject
    Pool pool;
    @Inject
    MeterRegistry registry;

    @Inject
    MessagingConfig messaging;

    @Test
    void acknowledgesEventsItDoesNotWantWithoutHandlingThem() {
        double filteredBefore = count("filtered");
        EventEnvelope event = SampleEvents.bookingRequestedEvent(null, "1.00", "EUR");

        sns.publish(r -> r.topicArn(topicArn.get()).message(codec.encode(event)).messageAttributes(Map.of(
                MessageAttributes.TYPE, string("com.flightbooking.booking.teleported.v1"),
                MessageAttributes.SUBJECT, string(event.subject())))).join();

        await().atMost(Duration.ofSeconds(10)).until(() -> count("filtered") > filteredBefore);
        assertThat(Sql.count(pool, "SELECT count(*) FROM ledger_entry WHERE event_id = $1", event.id())).isZero();
    }

    private double count(String outcome) {
        var counter = registry.find("flights.consumer.messages").tags("role", "ledger", "outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private static MessageAttributeValue string(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }

    private String ledgerQueue() {
        return MessagingNames.queue(messaging, QueueRole.Names.LEDGER);
    }
}
