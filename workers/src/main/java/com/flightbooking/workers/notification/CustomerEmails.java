package com.flightbooking.workers.notification;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.flightbooking.events.BookingDetails;
import com.flightbooking.events.BookingStatusChanged;
import com.flightbooking.events.DepartureReminderDue;

import io.quarkus.mailer.Mail;

/** The email a customer gets for each outcome of their booking, and a reminder the day before departure. */
@ApplicationScoped
public class CustomerEmails {

    // English like the rest of the email, whatever the server's locale.
    private static final DateTimeFormatter DEPARTURE = DateTimeFormatter
            .ofPattern("EEE d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    public Mail compose(BookingStatusChanged changed) {
        BookingDetails booking = changed.booking();
        String subject;
        String outcome;
        switch (changed.status()) {
            case CONFIRMED -> {
                subject = "Your flight " + booking.flight().number() + " is confirmed: " + changed.recordLocator();
                outcome = "Your booking is confirmed. Record locator: " + changed.recordLocator() + ".\n"
                        + "We charged " + booking.fare() + ".";
            }
            case PAYMENT_DECLINED -> {
                subject = "Your booking for " + booking.flight().number() + " could not be paid";
                outcome = "Your payment was declined" + reason(changed) + ". Nothing was charged and no seat was"
                        + " booked; you are welcome to book again with another card.";
            }
            case FAILED_REFUNDED -> {
                subject = "We could not book your seat on " + booking.flight().number();
                outcome = "We could not book your seat" + reason(changed) + ". Your payment of " + booking.fare()
                        + " has been refunded in full.";
            }
            case CANCELLED -> {
                subject = "Your booking for " + booking.flight().number() + " is cancelled";
                outcome = "Your booking is cancelled as you asked. Any payment taken is refunded in full.";
            }
            default -> throw new IllegalArgumentException("no email for " + changed.status());
        }
        return mail(changed.bookingId(), booking, subject, outcome, changed.status().name());
    }

    /** Sent {@code flights.reminders.lead-time} before departure, or at once when the booking was confirmed later. */
    public Mail compose(DepartureReminderDue due) {
        BookingDetails booking = due.booking();
        String departure = DEPARTURE.format(booking.flight().departureTime());
        String subject = "Reminder: your flight " + booking.flight().number() + " departs " + departure;
        String news = "Your flight " + booking.flight().number() + " from " + booking.flight().origin() + " to "
                + booking.flight().destination() + " departs " + departure + "."
                + (due.recordLocator() == null ? "" : " Record locator: " + due.recordLocator() + ".") + "\n"
                + "Please check in with the airline and have your passport or ID ready.";
        return mail(due.bookingId(), booking, subject, news, NotificationConsumer.REMINDER);
    }

    private static Mail mail(UUID bookingId, BookingDetails booking, String subject, String news, String kind) {
        String trip = "%s %s to %s, departing %s".formatted(booking.flight().number(), booking.flight().origin(),
                booking.flight().destination(), DEPARTURE.format(booking.flight().departureTime()));
        String text = """
                Dear %s,

                %s

                Booking:    %s
                Flight:     %s
                Fare:       %s

                Flight Booking
                """.formatted(booking.passenger().name(), news, bookingId, trip, booking.fare());
        return Mail.withText(booking.passenger().email(), subject, text)
                // The same news always has the same Message-ID, so a mail client shows a rare resend once.
                .addHeader("Message-ID", "<booking-" + bookingId + "-" + kind.toLowerCase(Locale.ROOT)
                        + "@flightbooking.example>");
    }

    private static String reason(BookingStatusChanged changed) {
        return changed.reason() == null ? "" : " (" + changed.reason() + ")";
    }
}
