package com.flightbooking.workers.notification;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.flightbooking.events.AirlineInfoUpdated;
import com.flightbooking.events.BookingStatusChanged;
import com.flightbooking.events.DepartureReminderDue;
import com.flightbooking.events.EventEnvelope;
import com.flightbooking.events.QueueRole;

import io.smallrye.mutiny.Uni;

/**
 * The notification role: emails the customer about their booking, each email once ({@link NotificationService}).
 * Invoice emails are not booking emails and are sent by the invoicing schedule, not here.
 */
@ApplicationScoped
public class NotificationConsumer {

    private final NotificationService notifications;
    private final CustomerEmails emails;

    NotificationConsumer(NotificationService notifications, CustomerEmails emails) {
        this.notifications = notifications;
        this.emails = emails;
    }

    @Incoming(QueueRole.Names.NOTIFICATION)
    public Uni<Void> consume(EventEnvelope event) {
        return switch (event.type()) {
            case BOOKING_STATUS_CHANGED -> {
                BookingStatusChanged changed = event.dataAs(BookingStatusChanged.class);
                yield notifications.sendOnce(event, changed.bookingId(), changed.status().name(),
                        emails.compose(changed));
            }
            case AIRLINE_INFO_UPDATED -> {
                AirlineInfoUpdated info = event.dataAs(AirlineInfoUpdated.class);
                yield info.upgraded()
                        ? notifications.sendOnce(event, info.bookingId(), NotificationService.UPGRADED,
                                emails.compose(info))
                        : Uni.createFrom().voidItem();
            }
            case DEPARTURE_REMINDER_DUE -> {
                DepartureReminderDue due = event.dataAs(DepartureReminderDue.class);
                yield notifications.sendOnce(event, due.bookingId(), NotificationService.REMINDER,
                        emails.compose(due));
            }
            default -> Uni.createFrom().voidItem();
        };
    }
}
