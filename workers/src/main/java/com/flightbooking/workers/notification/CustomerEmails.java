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

import io.quarkus.mailer.Mail;

/** The email a customer gets for each outcome of their booking, good news from the airline, and a reminder before departure. */
@ApplicationScoped
public class CustomerEmails {

    // English like the rest of the email, whatever the server's locale.
    private static final DateTimeFormatter DEPARTURE = DateTimeFormatter
            .ofPattern("EEE d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);

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

    /** The airline upgraded the booking (sent only then: a lounge pass or a date alone is shown on the booking). */
    public Mail compose(AirlineInfoUpdated info) {
        BookingDetails booking = info.booking();
        String cabin = cabinName(info.cabin());
        String subject = "Good news: you are upgraded to " + cabin + " on " + booking.flight().number();
        StringBuilder news = new StringBuilder("The airline has upgraded your booking ").append(info.recordLocator())
                .append(" to ").append(cabin).append(", at no extra cost.");
        if (info.loungePass()) {
            news.append("\nYour booking now includes a lounge pass.");
        }
        if (info.lastTicketingDate() != null) {
            news.append("\nThe airline issues your ticket by ").append(DAY.format(info.lastTicketingDate()))
                    .append("; there is nothing you need to do.");
        }
        return mail(info.bookingId(), booking, subject, news.toString(), "upgraded");
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
        return mail(due.bookingId(), booking, subject, news, NotificationService.REMINDER);
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

    /** BUSINESS → Business, PREMIUM_ECONOMY → Premium economy. */
    private static String cabinName(String cabin) {
        String words = cabin.replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static String reason(BookingStatusChanged changed) {
        return changed.reason() == null ? "" : " (" + changed.reason() + ")";
    }
}
