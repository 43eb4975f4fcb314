package com.flightbooking.workers.notification;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.flightbooking.events.AirlineInfoUpdated;
import com.flightbooking.events.BookingDetails;
import com.flightbooking.events.BookingStatusChanged;
import com.flightbooking.events.DepartureReminderDue;
import com.flightbooking.workers.mail.TemplatedMail;

import io.quarkus.mailer.Mail;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The email a customer gets for each outcome of their booking, good news from the airline, and a reminder before
 * departure: the subject here, the body from the templates (text and HTML).
 */
@ApplicationScoped
public class CustomerEmails {

    // English like the rest of the email, whatever the server's locale.
    private static final DateTimeFormatter DEPARTURE = DateTimeFormatter
            .ofPattern("EEE d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);

    /** The templates in {@code templates/CustomerEmails/}, each with a text and an HTML variant. */
    @CheckedTemplate
    static class Templates {
        static native TemplateInstance confirmed(BookingSummary summary, String recordLocator);

        static native TemplateInstance paymentDeclined(BookingSummary summary, String reason);

        static native TemplateInstance failedRefunded(BookingSummary summary, String reason);

        static native TemplateInstance cancelled(BookingSummary summary);

        static native TemplateInstance expired(BookingSummary summary, String reason);

        static native TemplateInstance upgraded(BookingSummary summary, String recordLocator, String cabin,
                boolean loungePass, String ticketingDay);

        static native TemplateInstance reminder(BookingSummary summary, String recordLocator);
    }

    public Mail compose(BookingStatusChanged changed) {
        BookingDetails booking = changed.booking();
        BookingSummary summary = summary(changed.bookingId(), booking);
        String flight = booking.flight().number();
        return switch (changed.status()) {
            case CONFIRMED -> mail(summary, booking, "Your flight " + flight + " is confirmed: " + changed.recordLocator(),
                    Templates.confirmed(summary, changed.recordLocator()), changed.status().name());
            case PAYMENT_DECLINED -> mail(summary, booking, "Your booking for " + flight + " could not be paid",
                    Templates.paymentDeclined(summary, changed.reason()), changed.status().name());
            case FAILED_REFUNDED -> mail(summary, booking, "We could not book your seat on " + flight,
                    Templates.failedRefunded(summary, changed.reason()), changed.status().name());
            case CANCELLED -> mail(summary, booking, "Your booking for " + flight + " is cancelled",
                    Templates.cancelled(summary), changed.status().name());
            case EXPIRED -> mail(summary, booking, "We could not complete your booking for " + flight,
                    Templates.expired(summary, changed.reason()), changed.status().name());
            default -> throw new IllegalArgumentException("no email for " + changed.status());
        };
    }

    /** The airline upgraded the booking (sent only then: a lounge pass or a date alone is shown on the booking). */
    public Mail compose(AirlineInfoUpdated info) {
        BookingDetails booking = info.booking();
        BookingSummary summary = summary(info.bookingId(), booking);
        String cabin = cabinName(info.cabin());
        String ticketingDay = info.lastTicketingDate() == null ? null : DAY.format(info.lastTicketingDate());
        return mail(summary, booking, "Good news: you are upgraded to " + cabin + " on " + booking.flight().number(),
                Templates.upgraded(summary, info.recordLocator(), cabin, info.loungePass(), ticketingDay), "upgraded");
    }

    /** Sent {@code flights.reminders.lead-time} before departure, or at once when the booking was confirmed later. */
    public Mail compose(DepartureReminderDue due) {
        BookingDetails booking = due.booking();
        BookingSummary summary = summary(due.bookingId(), booking);
        return mail(summary, booking, "Reminder: your flight " + booking.flight().number() + " departs "
                + summary.departure(), Templates.reminder(summary, due.recordLocator()), NotificationService.REMINDER);
    }

    private static BookingSummary summary(UUID bookingId, BookingDetails booking) {
        return new BookingSummary(booking.passenger().name(), bookingId, booking.flight().number(),
                booking.flight().origin(), booking.flight().destination(),
                DEPARTURE.format(booking.flight().departureTime()), String.valueOf(booking.fare()));
    }

    private static Mail mail(BookingSummary summary, BookingDetails booking, String subject, TemplateInstance body,
            String kind) {
        return TemplatedMail.of(booking.passenger().email(), subject, body)
                // The same news always has the same Message-ID, so a mail client shows a rare resend once.
                .addHeader("Message-ID", "<booking-" + summary.bookingId() + "-" + kind.toLowerCase(Locale.ROOT)
                        + "@flightbooking.example>");
    }

    /** BUSINESS → Business, PREMIUM_ECONOMY → Premium economy. */
    private static String cabinName(String cabin) {
        String words = cabin.replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
