package com.flightbooking.workers.reminders;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.flightbooking.events.BookingStatusChanged;
import com.flightbooking.events.EventCodec;
import com.flightbooking.events.EventEnvelope;
import com.flightbooking.kit.consumer.PermanentFailure;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Schedules and cancels departure reminders ({@link DepartureReminder}) from the booking's status changes. Each is one
 * short transaction keyed on the booking, so a redelivered or reordered status change changes nothing twice; firing
 * is the poller's ({@link ReminderPoller}).
 */
@ApplicationScoped
public class ReminderService {

    private final DepartureReminderRepository reminders;
    private final EventCodec codec;
    private final RemindersConfig config;
    private final Clock clock;

    ReminderService(DepartureReminderRepository reminders, EventCodec codec, RemindersConfig config, Clock clock) {
        this.reminders = reminders;
        this.codec = codec;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Schedules the reminder {@code lead-time} before departure. When that moment has passed already (a booking
     * confirmed less than a day before its flight) the reminder is due at once; its due time still says when it
     * should have been, so a backlog is worked off in order of departure.
     */
    @WithTransaction
    public Uni<Void> schedule(EventEnvelope confirmedEvent, BookingStatusChanged confirmed) {
        Instant departure = departureOf(confirmed);
        Instant dueAt = departure.minus(config.leadTime());
        return reminders.createIfAbsent(confirmed.bookingId(), DepartureReminder.Status.SCHEDULED, dueAt, departure,
                codec.encode(confirmedEvent), clock.instant())
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
    @WithTransaction
    public Uni<Void> cancel(EventEnvelope cancelledEvent, BookingStatusChanged cancelled) {
        Instant departure = departureOf(cancelled);
        UUID bookingId = cancelled.bookingId();
        return reminders.lockOrCreate(bookingId, DepartureReminder.Status.CANCELLED,
                departure.minus(config.leadTime()), departure, codec.encode(cancelledEvent), clock.instant())
                .invoke(reminder -> {
                    if (reminder.status == DepartureReminder.Status.SCHEDULED) {
                        reminder.status = DepartureReminder.Status.CANCELLED;
                        reminder.updatedAt = clock.instant();
                        Log.infof("Departure reminder for booking %s cancelled", bookingId);
                    }
                })
                .replaceWithVoid();
    }

    private static Instant departureOf(BookingStatusChanged changed) {
        Instant departure = changed.booking().flight().departureTime();
        if (departure == null) {
            throw new PermanentFailure("booking " + changed.bookingId() + " has no departure time");
        }
        return departure;
    }
}
