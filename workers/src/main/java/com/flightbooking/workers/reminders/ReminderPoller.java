package com.flightbooking.workers.reminders;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Singleton;

import com.flightbooking.events.BookingStatusChanged;
import com.flightbooking.events.DepartureReminderDue;
import com.flightbooking.events.EventCodec;
import com.flightbooking.events.EventEnvelope;
import com.flightbooking.events.QueueRole;
import com.flightbooking.kit.messaging.MessagingConfig;
import com.flightbooking.kit.outbox.Outbox;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import io.quarkus.scheduler.ScheduledExecution;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Fires due departure reminders: one transaction claims a batch of due timers ({@code FOR UPDATE SKIP LOCKED}),
 * marks them FIRED and appends a {@link DepartureReminderDue} per timer to the outbox, so the mark and the event
 * commit together and every replica's poller fires different timers. Runs at startup, which catches up on whatever
 * fell due while no worker ran, then every {@code poll-interval}; a full batch is followed by the next at once.
 * A timer whose flight has left by the time it is claimed expires instead: a reminder after departure is noise.
 */
@ApplicationScoped
public class ReminderPoller {

    static final String EVENT_SOURCE = "/workers/reminders";

    private static final String CLAIM_DUE = """
            UPDATE departure_reminder
            SET status = CASE WHEN departure_at > $1 THEN 'FIRED' ELSE 'EXPIRED' END,
                fired_at = CASE WHEN departure_at > $1 THEN $1 END,
                updated_at = $1
            WHERE booking_id IN (SELECT booking_id FROM departure_reminder
                                 WHERE status = 'SCHEDULED' AND due_at <= $1
                                 ORDER BY due_at LIMIT $2 FOR UPDATE SKIP LOCKED)
            RETURNING booking_id, status, due_at, booking_event::text AS booking_event""";
    // Waits for a lock held by a poller or a cancellation, then sees what they committed.
    private static final String CLAIM_ONE = """
            UPDATE departure_reminder
            SET status = CASE WHEN departure_at > $1 THEN 'FIRED' ELSE 'EXPIRED' END,
                fired_at = CASE WHEN departure_at > $1 THEN $1 END,
                updated_at = $1
            WHERE booking_id = $2 AND status = 'SCHEDULED'
            RETURNING booking_id, status, due_at, booking_event::text AS booking_event""";

    /** What one claim settled: the bookings reminded, and those whose flight had left. */
    public record Batch(List<UUID> fired, List<UUID> expired) {

        int claimed() {
            return fired.size() + expired.size();
        }
    }

    /** Totals of a run of batches. */
    public record Totals(int fired, int expired) {
    }

    private final Pool pool;
    private final Outbox outbox;
    private final EventCodec codec;
    private final Clock clock;
    private final RemindersConfig config;

    ReminderPoller(Pool pool, Outbox outbox, EventCodec codec, Clock clock, RemindersConfig config) {
        this.pool = pool;
        this.outbox = outbox;
        this.codec = codec;
        this.clock = clock;
        this.config = config;
    }

    // Skipped while a catch-up still runs: one run per process at a time is enough.
    @Scheduled(identity = "departure-reminders", every = "${flights.reminders.poll-interval}", concurrentExecution = ConcurrentExecution.SKIP, skipExecutionIf = Off.class)
    Uni<Void> poll() {
        long start = System.nanoTime();
        return fireDue()
                .invoke(totals -> {
                    if (totals.fired() > 0 || totals.expired() > 0) {
                        Log.infof("Departure reminders: %d fired, %d expired (flight gone) in %d ms", totals.fired(),
                                totals.expired(), (System.nanoTime() - start) / 1_000_000);
                    }
                })
                .replaceWithVoid()
                .onFailure().recoverWithItem(failure -> {
                    Log.warnf(failure, "Departure reminder round failed; next try in %s", config.pollInterval());
                    return null;
                });
    }

    /** Fires every due reminder, one batch per transaction, until a batch comes back short. */
    public Uni<Totals> fireDue() {
        AtomicInteger batches = new AtomicInteger();
        AtomicInteger fired = new AtomicInteger();
        AtomicInteger expired = new AtomicInteger();
        return Multi.createBy().repeating().uni(this::fireBatch)
                .whilst(batch -> batch.claimed() == config.batchSize())
                .invoke(batch -> {
                    fired.addAndGet(batch.fired().size());
                    expired.addAndGet(batch.expired().size());
                    if (batches.incrementAndGet() % 10 == 0) {
                        Log.infof("Catching up on departure reminders: %d fired so far", fired.get());
                    }
                })
                .collect().last()
                .map(last -> new Totals(fired.get(), expired.get()));
    }

    /** One claim of at most {@code batch-size} due reminders, in one transaction. */
    public Uni<Batch> fireBatch() {
        Instant now = clock.instant();
        return settle(CLAIM_DUE, Tuple.of(at(now), config.batchSize()), now);
    }

    /**
     * Fires the booking's reminder now, whatever its due time, through the same path as the poller; the batch is
     * empty when the reminder was not SCHEDULED (or does not exist).
     */
    public Uni<Batch> fire(UUID bookingId) {
        Instant now = clock.instant();
        return settle(CLAIM_ONE, Tuple.of(at(now), bookingId), now).invoke(batch -> {
            if (!batch.fired().isEmpty()) {
                Log.infof("Departure reminder for booking %s fired by hand", bookingId);
            }
        });
    }

    private Uni<Batch> settle(String claim, Tuple parameters, Instant now) {
        return pool.withTransaction(connection -> connection.preparedQuery(claim).execute(parameters)
                .flatMap(rows -> {
                    List<UUID> fired = new ArrayList<>();
                    List<UUID> expired = new ArrayList<>();
                    List<EventEnvelope> reminders = new ArrayList<>();
                    for (Row row : sortedByDueTime(rows)) {
                        UUID bookingId = row.getUUID("booking_id");
                        if (DepartureReminder.Status.FIRED.name().equals(row.getString("status"))) {
                            fired.add(bookingId);
                            reminders.add(reminderOf(bookingId, row.getString("booking_event"), now));
                        } else {
                            expired.add(bookingId);
                            Log.infof("Departure reminder for booking %s expired: the flight had left", bookingId);
                        }
                    }
                    return outbox.append(connection, reminders).replaceWith(new Batch(fired, expired));
                }));
    }

    /**
     * The reminder, in the story of the confirmation that scheduled it (same correlation id). Not in its trace: a
     * trace that ends a day after it started helps no one.
     */
    private EventEnvelope reminderOf(UUID bookingId, String bookingEvent, Instant now) {
        EventEnvelope confirmed = codec.decode(bookingEvent);
        BookingStatusChanged changed = confirmed.dataAs(BookingStatusChanged.class);
        Log.debugf("Departure reminder due for booking %s", bookingId);
        return EventEnvelope.of(new DepartureReminderDue(bookingId, changed.booking(), changed.recordLocator()),
                EVENT_SOURCE, now, confirmed.correlationId(), null);
    }

    private static List<Row> sortedByDueTime(RowSet<Row> rows) {
        List<Row> sorted = new ArrayList<>();
        rows.forEach(sorted::add);
        sorted.sort((a, b) -> a.getOffsetDateTime("due_at").compareTo(b.getOffsetDateTime("due_at")));
        return sorted;
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** Skips the poller outside the processes of the reminders role, and where it is switched off. */
    @Singleton
    static class Off implements Scheduled.SkipPredicate {

        private final boolean off;

        Off(RemindersConfig config, MessagingConfig messaging) {
            boolean remindersRole = messaging.roles().orElse(List.of()).contains(QueueRole.Names.REMINDERS);
            off = !remindersRole || !config.poller().enabled();
            if (remindersRole && off) {
                Log.info("Departure reminder poller is off in this process (flights.reminders.poller.enabled)");
            }
        }

        @Override
        public boolean test(ScheduledExecution execution) {
            return off;
        }
    }
}
