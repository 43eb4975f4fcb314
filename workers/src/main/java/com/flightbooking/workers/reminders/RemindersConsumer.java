package com.flightbooking.workers.reminders;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.flightbooking.events.BookingStatusChanged;
import com.flightbooking.events.EventEnvelope;
import com.flightbooking.events.QueueRole;

import io.smallrye.mutiny.Uni;

/**
 * The reminders role: a confirmed booking gets a departure reminder timer, a cancelled one loses it. The timers are
 * fired by {@link ReminderPoller}, which runs in the processes of this role.
 */
@ApplicationScoped
public class RemindersConsumer {

    private final ReminderService reminders;

    RemindersConsumer(ReminderService reminders) {
        this.reminders = reminders;
    }

    @Incoming(QueueRole.Names.REMINDERS)
    public Uni<Void> consume(EventEnvelope event) {
        return switch (event.type()) {
            case BOOKING_STATUS_CHANGED -> statusChanged(event, event.dataAs(BookingStatusChanged.class));
            default -> Uni.createFrom().voidItem();
        };
    }

    private Uni<Void> statusChanged(EventEnvelope event, BookingStatusChanged changed) {
        return switch (changed.status()) {
            case CONFIRMED -> reminders.schedule(event, changed);
            case CANCELLED -> reminders.cancel(event, changed);
            default -> Uni.createFrom().voidItem();
        };
    }
}
