package com.flightbooking.workers.reminders;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.flightbooking.events.BookingStatusChanged;
import com.flightbooking.events.EventEnvelope;
import com.flightbooking.events.EventType;
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
        if (event.type() != EventType.BOOKING_STATUS_CHANGED) {
            return Uni.createFrom().voidItem();
        }
        BookingStatusChanged changed = event.dataAs(BookingStatusChanged.class);
        return switch (changed.status()) {
            case CONFIRMED -> reminders.schedule(event, changed);
            case CANCELLED -> reminders.cancel(event, changed);
            default -> Uni.createFrom().voidItem();
        };
    }
}
