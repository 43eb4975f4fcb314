package com.flightbooking.workers.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.flightbooking.events.AirlineInfoUpdated;
import com.flightbooking.events.BookingDetails;
import com.flightbooking.events.BookingStatusChanged;
import com.flightbooking.events.BookingStatusChanged.Status;
import com.flightbooking.events.DepartureReminderDue;
import com.flightbooking.events.Flight;
import com.flightbooking.events.Money;
import com.flightbooking.events.Passenger;

import io.quarkus.mailer.Mail;
import io.quarkus.test.junit.QuarkusTest;

/** Every customer email rendered from its templates: what the customer must read, in the text and the HTML. */
@QuarkusTest
class CustomerEmailsTest {

    private static final String HOSTILE_NAME = "Eve <script>alert('x')</script> & Co";
    private static final String ESCAPED_NAME = "Eve &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co";

    private final UUID bookingId = UUID.randomUUID();
    private final BookingDetails booking = new BookingDetails(new Passenger(HOSTILE_NAME, "eve@example.com"),
            new Flight("BA117", "LHR", "JFK", Instant.parse("2027-03-01T09:00:00Z")),
            new Money(new BigDecimal("499.90"), "EUR"), "ACME-001");

    @Inject
    CustomerEmails emails;

    @Test
    void confirmedNamesTheRecordLocatorTheFareAndTheTrip() {
        Mail mail = emails.compose(new BookingStatusChanged(bookingId, booking, Status.CONFIRMED, "4AC42A", null));

        assertThat(mail.getTo()).containsExactly("eve@example.com");
        assertThat(mail.getSubject()).isEqualTo("Your flight BA117 is confirmed: 4AC42A");
        assertThat(mail.getText()).startsWith("Dear " + HOSTILE_NAME + ",\n\nYour booking is confirmed.")
                .contains("Record locator: 4AC42A.\nWe charged 499.90 EUR.")
                .contains("Booking:    " + bookingId)
                .contains("Flight:     BA117 LHR to JFK, departing Mon 1 Mar 2027, 09:00 UTC")
                .contains("Fare:       499.90 EUR");
        assertEscapedHtml(mail, "<strong>4AC42A</strong>", "499.90 EUR", "Mon 1 Mar 2027, 09:00 UTC");
        assertThat(mail.getHeaders().get("Message-ID"))
                .containsExactly("<booking-" + bookingId + "-confirmed@flightbooking.example>");
    }

    @Test
    void aDeclineGivesThePartnersReasonEscapedInHtml() {
        Mail mail = emails.compose(new BookingStatusChanged(bookingId, booking, Status.PAYMENT_DECLINED, null,
                "card <b>declined</b>"));

        assertThat(mail.getSubject()).isEqualTo("Your booking for BA117 could not be paid");
        assertThat(mail.getText()).contains("Your payment was declined (card <b>declined</b>). Nothing was charged");
        assertEscapedHtml(mail, "declined (card &lt;b&gt;declined&lt;/b&gt;)");
    }

    @Test
    void aFailedBookingSaysTheFareIsRefundedAndWithoutAReasonShowsNone() {
        Mail mail = emails.compose(new BookingStatusChanged(bookingId, booking, Status.FAILED_REFUNDED, null, null));

        assertThat(mail.getSubject()).isEqualTo("We could not book your seat on BA117");
        assertThat(mail.getText())
                .contains("We could not book your seat. Your payment of 499.90 EUR has been refunded in full.");
        assertEscapedHtml(mail, "We could not book your seat. Your payment of 499.90 EUR has been refunded");
    }

    @Test
    void aCancellationSaysAnyPaymentIsRefunded() {
        Mail mail = emails.compose(new BookingStatusChanged(bookingId, booking, Status.CANCELLED, null, null));

        assertThat(mail.getSubject()).isEqualTo("Your booking for BA117 is cancelled");
        assertThat(mail.getText()).contains("Your booking is cancelled as you asked. Any payment taken is refunded");
        assertEscapedHtml(mail, "Your booking is cancelled as you asked.");
    }

    @Test
    void anExpiredBookingSaysWhyAndThatAnyPaymentIsRefunded() {
        Mail mail = emails.compose(new BookingStatusChanged(bookingId, booking, Status.EXPIRED, null,
                "no outcome <in> 15 minutes"));

        assertThat(mail.getSubject()).isEqualTo("We could not complete your booking for BA117");
        assertThat(mail.getText()).contains("We could not complete your booking in time (no outcome <in> 15 minutes),"
                + " so we have ended it. Any payment taken is refunded in full");
        assertEscapedHtml(mail, "in time (no outcome &lt;in&gt; 15 minutes)", "Any payment taken is refunded");
        assertThat(mail.getHeaders().get("Message-ID"))
                .containsExactly("<booking-" + bookingId + "-expired@flightbooking.example>");
    }

    @Test
    void anUpgradeNamesTheCabinTheLoungePassAndTheTicketingDay() {
        Mail mail = emails.compose(new AirlineInfoUpdated(bookingId, booking, "4AC42A", "PREMIUM_ECONOMY", true, true,
                LocalDate.parse("2027-02-15")));

        assertThat(mail.getSubject()).isEqualTo("Good news: you are upgraded to Premium economy on BA117");
        assertThat(mail.getText())
                .contains("The airline has upgraded your booking 4AC42A to Premium economy, at no extra cost.\n"
                        + "Your booking now includes a lounge pass.\n"
                        + "The airline issues your ticket by Mon 15 Feb 2027; there is nothing you need to do.");
        assertEscapedHtml(mail, "<strong>4AC42A</strong> to Premium economy", "lounge pass", "Mon 15 Feb 2027");
        assertThat(mail.getHeaders().get("Message-ID"))
                .containsExactly("<booking-" + bookingId + "-upgraded@flightbooking.example>");
    }

    @Test
    void anUpgradeWithoutLoungePassOrTicketingDayLeavesThemOut() {
        Mail mail = emails.compose(new AirlineInfoUpdated(bookingId, booking, "4AC42A", "BUSINESS", true, false,
                null));

        assertThat(mail.getText()).contains("to Business, at no extra cost.\n\nBooking:")
                .doesNotContain("lounge", "ticket by");
        assertThat(mail.getHtml()).doesNotContain("lounge", "ticket by");
    }

    @Test
    void aReminderGivesTheDepartureInItsSubjectAndTheRecordLocator() {
        Mail mail = emails.compose(new DepartureReminderDue(bookingId, booking, "4AC42A"));

        assertThat(mail.getSubject()).isEqualTo("Reminder: your flight BA117 departs Mon 1 Mar 2027, 09:00 UTC");
        assertThat(mail.getText())
                .contains("Your flight BA117 from LHR to JFK departs Mon 1 Mar 2027, 09:00 UTC. Record locator: 4AC42A.\n"
                        + "Please check in with the airline");
        assertEscapedHtml(mail, "departs Mon 1 Mar 2027, 09:00 UTC. Record locator: <strong>4AC42A</strong>.");
        assertThat(mail.getHeaders().get("Message-ID"))
                .containsExactly("<booking-" + bookingId + "-reminder@flightbooking.example>");
    }

    private void assertEscapedHtml(Mail mail, String... content) {
        assertThat(mail.getHtml()).startsWith("<!DOCTYPE html>")
                .contains("<p>Dear " + ESCAPED_NAME + ",</p>", bookingId.toString(), "BA117 LHR to JFK")
                .contains(content)
                .doesNotContain("<script>");
    }
}
