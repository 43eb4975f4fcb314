package com.flightbooking.workers.reminders;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import com.flightbooking.events.BookingStatusChanged;
import com.flightbooking.events.DepartureReminderDue;
import com.flightbooking.events.EventCodec;
import com.flightbooking.events.EventEnvelope;
import com.flightbooking.kit.consumer.PermanentFailure;
import com.flightbooking.kit.outbox.Outbox;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * The departure reminder state machine ({@link DepartureReminder}). Scheduling and cancelling follow the booking's
 * status changes, each one short transaction keyed on the booking, so a redelivered or reordered status change changes
 * nothing twice. Firing is one transaction per batch of claimed reminders ({@link ReminderClaimRepository}) that marks
 * them and appends a {@link DepartureReminderDue} per fired reminder to the outbox, so the mark and the event commit
 * together and every replica's poller ({@link ReminderPoller}) fires different reminders. A reminder whose flight has
 * left by the time it is claimed expires instead: a reminder after departure is noise. Every step runs on the Vert.x
 * pool ({@link DepartureReminderRepository} says why).
 */
@ApplicationScoped
public class ReminderService {

    static final String EVENT_SOURCE = "/workers/reminders";

    /** What one claim settled: the bookings reminded, and those whose flight had left. */
    public record Batch(List<UUID> fired, List<UUID> expired) {

        int claimed() {
            return fired.size() + expired.size();
        }
    }

    private final DepartureReminderRepository reminders;
    private final ReminderClaimRepository claims;
    private final Pool pool;
    private final Outbox outbox;
    private final EventCodec codec;
    private final RemindersConfig config;
    private final Clock clock;

    ReminderService(DepartureReminderRepository reminders, ReminderClaimRepository claims, Pool pool, Outbox outbox,
            EventCodec codec, RemindersConfig config, Clock clock) {
        this.reminders = reminders;
        this.claims = claims;
        this.pool = pool;
        this.outbox = outbox;
        this.codec = codec;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Schedules the reminder {@code lead-time} before departure. When that moment has passed already (a booking
     * confirmed less than a day before its flight) the reminder is due at once; its due time still says when it
     * should have been, so a backlog is worked off in order of departure.
     */
    public Uni<Void> schedule(EventEnvelope confirmedEvent, BookingStatusChanged confirmed) {
        Instant departure = departureOf(confirmed);
        Instant dueAt = departure.minus(config.leadTime());
        String bookingEvent = codec.encode(confirmedEvent);
        // One statement: no transaction around it, whose BEGIN and COMMIT would be two more for every booking.
        return reminders.createIfAbsent(pool, confirmed.bookingId(), DepartureReminder.Status.SCHEDULED, dueAt,
                departure, bookingEvent, clock.instant())
                .invoke(created -> {
                    if (created) {
                        Log.infof("Departure reminder for booking %s scheduled at %s", confirmed.bookingId(), dueAt);
                    }
                })
                .replaceWithVoid();
    }

    /**
     * Cancels the booking's reminder if it has not fired yet; when there is none, writes it cancelled, so that a
     * confirmation delivered after the cancellation schedules nothing.
     */
    public Uni<Void> cancel(EventEnvelope cancelledEvent, BookingStatusChanged cancelled) {
        Instant departure = departureOf(cancelled);
        UUID bookingId = cancelled.bookingId();
        String bookingEvent = codec.encode(cancelledEvent);
        return pool.withTransaction(connection -> reminders.createIfAbsent(connection, bookingId,
                DepartureReminder.Status.CANCELLED, departure.minus(config.leadTime()), departure, bookingEvent,
                clock.instant())
                .chain(() -> reminders.cancelScheduled(connection, bookingId, clock.instant())))
                .invoke(wasScheduled -> {
                    if (wasScheduled) {
                        Log.infof("Departure reminder for booking %s cancelled", bookingId);
                    }
                })
                .replaceWithVoid();
    }

    /** One claim of at most {@code batch-size} due reminders, in one transaction. */
    public Uni<Batch> fireBatch() {
        Instant now = clock.instant();
        return settle(connection -> claims.claimDue(connection, now, config.batchSize()), now);
    }

    /**
     * Fires the booking's reminder now, whatever its due time, through the same path as the poller; the batch is
     * empty when the reminder was not SCHEDULED (or does not exist).
     */
    public Uni<Batch> fire(UUID bookingId) {
        Instant now = clock.instant();
        return settle(connection -> claims.claimOne(connection, now, bookingId), now).invoke(batch -> {
            if (!batch.fired().isEmpty()) {
                Log.infof("Departure reminder for booking %s fired by hand", bookingId);
            }
        });
    }

    private Uni<Batch> settle(Function<SqlConnection, Uni<List<ReminderClaimRepository.Claimed>>> claim,
            Instant now) {
        return pool.withTransaction(connection -> claim.apply(connection).chain(claimed -> {
            List<UUID> fired = new ArrayList<>();
            List<UUID> expired = new ArrayList<>();
            List<EventEnvelope> due = new ArrayList<>();
            for (ReminderClaimRepository.Claimed reminder : claimed) {
                if (reminder.status() == DepartureReminder.Status.FIRED) {
                    fired.add(reminder.bookingId());
                    due.add(reminderOf(reminder.bookingId(), reminder.bookingEvent(), now));
                } else {
                    expired.add(reminder.bookingId());
                    Log.infof("Departure reminder for booking %s expired: the flight had left", reminder.bookingId());
                }
            }
            return outbox.append(connection, due).replaceWith(new Batch(fired, expired));
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

    private static Instant departureOf(BookingStatusChanged changed) {
        Instant departure = changed.booking().flight().departureTime();
        if (departure == null) {
            throw new PermanentFailure("booking " + changed.bookingId() + " has no departure time");
        }
        return departure;
    }
}
