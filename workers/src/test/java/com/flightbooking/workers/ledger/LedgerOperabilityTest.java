package com.flightbooking.workers.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.flightbooking.events.EventEnvelope;
import com.flightbooking.events.QueueRole;
import com.flightbooking.events.testing.SampleEvents;
import com.flightbooking.events.testing.Sql;
import com.flightbooking.workers.Topic;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * An event the ledger role does not handle, in its queue as with filters in the consumers only (no filter policy on
 * its subscription), is acknowledged and counted, never handled.
 */
@QuarkusTest
class LedgerOperabilityTest {

    @Inject
    Topic topic;
    @Inject
    Pool pool;
    @Inject
    MeterRegistry registry;

    @Test
    void acknowledgesEventsItDoesNotWantWithoutHandlingThem() {
        double filteredBefore = count("filtered");
        EventEnvelope event = SampleEvents.bookingRequestedEvent(null, "1.00", "EUR");

        topic.deliverUnfiltered(event, "com.flightbooking.booking.teleported.v1", List.of(QueueRole.Names.LEDGER));

        await().atMost(Duration.ofSeconds(10)).until(() -> count("filtered") > filteredBefore);
        assertThat(Sql.count(pool, "SELECT count(*) FROM ledger_entry WHERE event_id = $1", event.id())).isZero();
    }

    private double count(String outcome) {
        var counter = registry.find("flights.consumer.messages").tags("role", "ledger", "outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }
}
