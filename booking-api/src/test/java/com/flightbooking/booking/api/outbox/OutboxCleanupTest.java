package com.flightbooking.booking.api.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.flightbooking.events.EventCodec;
import com.flightbooking.events.EventEnvelope;
import com.flightbooking.events.testing.SampleEvents;
import com.flightbooking.events.testing.Sql;
import com.flightbooking.kit.outbox.OutboxCleanup;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;

@QuarkusTest
class OutboxCleanupTest {

    @Inject
    Pool pool;
    @Inject
    OutboxCleanup cleanup;
    @Inject
    EventCodec codec;

    @Test
    void deletesOnlyPublishedRowsPastTheirRetention() {
        UUID old = row("now() - interval '8 days'", "now() - interval '8 days'");
        UUID recent = row("now() - interval '1 day'", "now() - interval '1 day'");
        // Never published, however old: it still has to leave.
        UUID pending = row("now() - interval '30 days'", "NULL");

        cleanup.cleanUp().await().indefinitely();

        assertThat(exists(old)).isFalse();
        assertThat(exists(recent)).isTrue();
        assertThat(exists(pending)).isTrue();
        Sql.execute(pool, "DELETE FROM outbox WHERE event_id = ANY($1)", (Object) new UUID[] { recent, pending });
    }

    private UUID row(String createdAt, String publishedAt) {
        EventEnvelope event = SampleEvents.bookingRequestedEvent(null, "1.00", "EUR");
        // Far in the future for the relay, so the test alone decides what happens to the row.
        Sql.execute(pool, """
                INSERT INTO outbox (event_id, event_type, subject, body, created_at, published_at, next_attempt_at)
                VALUES ($1, $2, $3, $4, %s, %s, now() + interval '1 day')""".formatted(createdAt, publishedAt),
                event.id(), event.type().ceType(), event.subject(), codec.encode(event));
        return event.id();
    }

    private boolean exists(UUID eventId) {
        return Sql.count(pool, "SELECT count(*) FROM outbox WHERE event_id = $1", eventId) == 1;
    }
}
