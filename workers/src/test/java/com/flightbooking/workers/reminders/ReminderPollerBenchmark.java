package com.flightbooking.workers.reminders;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.flightbooking.events.BookingDetails;
import com.flightbooking.events.BookingStatusChanged;
import com.flightbooking.events.EventCodec;
import com.flightbooking.events.EventType;
import com.flightbooking.events.Flight;
import com.flightbooking.events.testing.SampleEvents;
import com.flightbooking.events.testing.Sql;

import io.quarkus.logging.Log;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * How many due reminders one poller fires per second: preloads due timers straight into the table, then times
 * {@link ReminderPoller#fireDue()} (the catch-up a poller does after downtime) until every timer is FIRED with its
 * outbox row. Not a {@code *Test}, so only run on demand:
 *
 * <pre>
 * ./mvnw -q -B -ntp install -DskipTests && ./mvnw -B -ntp -pl workers test -Dtest=ReminderPollerBenchmark
 * </pre>
 *
 * {@code -Dbench.timers=20000} (default) sets the timers measured, {@code -Dflights.reminders.batch-size=100} the
 * batch. The app's own poller, the outbox relay and the other roles are off, so nothing else competes for the
 * database or the CPU.
 */
@QuarkusTest
@TestProfile(ReminderPollerBenchmark.PollerOnly.class)
class ReminderPollerBenchmark {

    public static class PollerOnly implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("flights.reminders.poller.enabled", "false",
                    "flights.outbox.relay.enabled", "false",
                    "flights.messaging.roles", "reminders");
        }
    }

    private static final String PRELOAD = """
            INSERT INTO departure_reminder
                (booking_id, status, due_at, departure_at, booking_event, created_at, updated_at)
            SELECT gen_random_uuid(), 'SCHEDULED', $1 - make_interval(secs => g), $2, $3::text::jsonb, $1, $1
            FROM generate_series(1, $4) AS g""";

    @Inject
    Pool pool;
    @Inject
    ReminderPoller poller;
    @Inject
    EventCodec codec;
    @ConfigProperty(name = "flights.reminders.batch-size")
    int batchSize;

    @Test
    void firesDueReminders() {
        int timers = Integer.getInteger("bench.timers", 20_000);
        int warmUp = Math.max(batchSize, timers / 10);

        preload(warmUp);
        poller.fireDue().await().atMost(Duration.ofMinutes(5));
        preload(timers);
        long start = System.nanoTime();
        ReminderPoller.Totals totals = poller.fireDue().await().atMost(Duration.ofMinutes(10));
        double seconds = (System.nanoTime() - start) / 1e9;

        assertThat(totals.fired()).isEqualTo(timers);
        assertThat(Sql.count(pool, "SELECT count(*) FROM departure_reminder WHERE status = 'FIRED'"))
                .isEqualTo(warmUp + timers);
        assertThat(Sql.count(pool, "SELECT count(*) FROM outbox WHERE event_type = $1",
                EventType.DEPARTURE_REMINDER_DUE.ceType())).isEqualTo(warmUp + timers);
        String result = "Fired %,d due departure reminders in %.2f s: %,.0f timers/s (batch size %d, after %,d warm-up)"
                .formatted(timers, seconds, timers / seconds, batchSize, warmUp);
        Log.info(result);
        System.out.println("BENCHMARK " + result);
    }

    /** {@code count} timers, all due (the earliest a few hours ago), of bookings departing in twelve hours. */
    private void preload(int count) {
        Instant now = Instant.now();
        Instant departure = now.plus(Duration.ofHours(12));
        BookingDetails booking = SampleEvents.details();
        booking = new BookingDetails(booking.passenger(), new Flight("BA117", "LHR", "JFK", departure),
                booking.fare(), booking.corporateAccountId());
        UUID bookingId = UUID.randomUUID();
        String confirmed = codec.encode(SampleEvents.statusChangedEvent(bookingId, booking,
                BookingStatusChanged.Status.CONFIRMED, "ABC123", null));
        pool.preparedQuery(PRELOAD)
                .execute(Tuple.of(now.atOffset(ZoneOffset.UTC), departure.atOffset(ZoneOffset.UTC), confirmed, count))
                .await().indefinitely();
    }
}
