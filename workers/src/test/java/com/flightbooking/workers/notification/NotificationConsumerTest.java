package com.flightbooking.workers.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.flightbooking.events.BookingDetails;
import com.flightbooking.events.BookingStatusChanged;
import com.flightbooking.events.CustomerNotified;
import com.flightbooking.events.DepartureReminderDue;
import com.flightbooking.events.EventEnvelope;
import com.flightbooking.events.EventType;
import com.flightbooking.events.testing.SampleEvents;
import com.flightbooking.events.testing.Sql;
import com.flightbooking.localinfra.Mailbox;
import com.flightbooking.workers.Partners;
import com.flightbooking.workers.Topic;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;

/** The notification role against the local mail server, read back over POP3 as the customer would. */
@QuarkusTest
class NotificationConsumerTest {

    // Generous: a loaded machine may be slow; a passing test returns as soon as the outcome is there.
    private static final Duration SOON = Duration.ofSeconds(20);

    @Inject
    Topic topic;
    @Inject
    Partners partners;
    @Inject
    Pool pool;

    @Test
    void aConfirmedBookingIsEmailedToThePassengerWithItsRecordLocator() {
        String email = uniqueAddress();
        UUID bookingId = UUID.randomUUID();
        BookingDetails booking = SampleEvents.details(email, "BA117", "ACME-001", "499.90", "EUR");

        String recordLocator = locatorOf(bookingId);

        topic.publish(SampleEvents.statusChangedEvent(bookingId, booking, BookingStatusChanged.Status.CONFIRMED,
                recordLocator, null));

        Mailbox.Email sent = await().atMost(SOON).until(() -> partners.emailsTo(email), list -> !list.isEmpty())
                .get(0);
        assertThat(sent.subject()).contains(recordLocator).contains("BA117");
        assertThat(sent.body()).contains("Grace Hopper", "BA117", "LHR", "JFK", "499.90 EUR", bookingId.toString());
        assertThat(sent.html()).contains("<p>Dear Grace Hopper,</p>", recordLocator, bookingId.toString());
        assertThat(sent.messageId()).isEqualTo("<booking-" + bookingId + "-confirmed@flightbooking.example>");
    }

    @Test
    void anOutcomeIsEmailedOnceHoweverOftenItIsDeliveredOrAnnounced() {
        String email = uniqueAddress();
        UUID bookingId = UUID.randomUUID();
        BookingDetails booking = SampleEvents.details(email, "BA117", null, "120.00", "GBP");
        String recordLocator = locatorOf(bookingId);
        EventEnvelope confirmed = SampleEvents.statusChangedEvent(bookingId, booking,
                BookingStatusChanged.Status.CONFIRMED, recordLocator, null);
        EventEnvelope confirmedAgain = SampleEvents.statusChangedEvent(bookingId, booking,
                BookingStatusChanged.Status.CONFIRMED, recordLocator, null);

        topic.publish(confirmed);
        topic.publish(confirmed);
        topic.publish(confirmedAgain);

        await().atMost(SOON).until(() -> Sql.count(pool,
                "SELECT count(*) FROM sent_email WHERE booking_id = $1", bookingId) == 1);
        // All three deliveries handled: a second email would have been sent by now.
        topic.awaitQuiescence("notification");
        List<Mailbox.Email> received = partners.emailsTo(email);
        assertThat(received).hasSize(1);
        assertThat(received.get(0).subject()).contains(recordLocator);
    }

    @Test
    void eachEmailIsAnnouncedOnceWithWhatItWasAboutAndNothingPersonal() {
        Topic.Spy spy = topic.spy();
        String email = uniqueAddress();
        UUID bookingId = UUID.randomUUID();
        BookingDetails booking = SampleEvents.details(email, "BA117", null, "120.00", "GBP");
        EventEnvelope confirmed = SampleEvents.statusChangedEvent(bookingId, booking,
                BookingStatusChanged.Status.CONFIRMED, locatorOf(bookingId), null);
        EventEnvelope reminder = SampleEvents.event(new DepartureReminderDue(bookingId, booking, locatorOf(bookingId)));

        EventEnvelope confirmedAgain = SampleEvents.statusChangedEvent(bookingId, booking,
                BookingStatusChanged.Status.CONFIRMED, locatorOf(bookingId), null);

        topic.publish(confirmed);
        topic.publish(confirmed);
        topic.publish(confirmedAgain);
        topic.publish(reminder);
        topic.publish(reminder);

        await().atMost(SOON).until(() -> Sql.count(pool,
                "SELECT count(*) FROM sent_email WHERE booking_id = $1", bookingId) == 2);
        // Everything appended is published: a second announcement of either email would be on the topic by now.
        topic.awaitQuiescence("notification");
        assertThat(Sql.count(pool, "SELECT count(*) FROM outbox WHERE subject = $1 AND event_type = $2",
                bookingId.toString(), EventType.CUSTOMER_NOTIFIED.ceType())).isEqualTo(2);
        List<Topic.Published> notified = spy.of(bookingId, EventType.CUSTOMER_NOTIFIED);
        assertThat(notified).hasSize(2).extracting(p -> p.data(CustomerNotified.class).about())
                .containsExactlyInAnyOrder("CONFIRMED", "REMINDER");
        assertThat(notified).allSatisfy(published -> {
            assertThat(published.event().source()).isEqualTo("/workers/notification");
            assertThat(published.event().subject()).isEqualTo(bookingId.toString());
            assertThat(published.attributes()).containsEntry("ce_subject", bookingId.toString());
        });
        // Whichever announcement of the confirmation came first was emailed, and caused the event.
        assertThat(notified).filteredOn(p -> p.data(CustomerNotified.class).about().equals("CONFIRMED"))
                .singleElement()
                .satisfies(p -> assertThat(p.event().correlationId())
                        .isIn(confirmed.correlationId(), confirmedAgain.correlationId()));
        assertThat(notified).filteredOn(p -> p.data(CustomerNotified.class).about().equals("REMINDER"))
                .singleElement()
                .satisfies(p -> assertThat(p.event().correlationId()).isEqualTo(reminder.correlationId()));
        assertThat(partners.emailsTo(email)).hasSize(2);
    }

    @Test
    void aDeclinedPaymentIsEmailedWithTheProcessorsReason() {
        String email = uniqueAddress();
        UUID bookingId = UUID.randomUUID();
        BookingDetails booking = SampleEvents.details(email, "BA117", null, "499.90", "EUR");

        topic.publish(SampleEvents.statusChangedEvent(bookingId, booking,
                BookingStatusChanged.Status.PAYMENT_DECLINED, null, "The card was declined: insufficient funds"));

        Mailbox.Email sent = await().atMost(SOON).until(() -> partners.emailsTo(email), list -> !list.isEmpty())
                .get(0);
        assertThat(sent.subject()).contains("could not be paid").contains("BA117");
        assertThat(sent.body()).contains("The card was declined: insufficient funds").contains("Nothing was charged");
        assertThat(Sql.count(pool, "SELECT count(*) FROM sent_email WHERE booking_id = $1 AND outcome = $2",
                bookingId, "PAYMENT_DECLINED")).isEqualTo(1);
    }

    @Test
    void aDepartureReminderIsEmailedOnceWithTheFlightAndRecordLocator() {
        String email = uniqueAddress();
        UUID bookingId = UUID.randomUUID();
        BookingDetails booking = SampleEvents.details(email, "BA117", null, "499.90", "EUR");
        EventEnvelope due = SampleEvents.event(new DepartureReminderDue(bookingId, booking, locatorOf(bookingId)));

        topic.publish(due);
        topic.publish(due);

        await().atMost(SOON).until(() -> Sql.count(pool,
                "SELECT count(*) FROM sent_email WHERE booking_id = $1 AND outcome = 'REMINDER'", bookingId) == 1);
        topic.awaitQuiescence("notification");
        assertThat(partners.emailsTo(email)).singleElement().satisfies(sent -> {
            assertThat(sent.subject()).isEqualTo("Reminder: your flight BA117 departs Mon 1 Mar 2027, 09:00 UTC");
            assertThat(sent.body()).contains("Grace Hopper", "LHR", "JFK", locatorOf(bookingId), bookingId.toString());
            assertThat(sent.messageId()).isEqualTo("<booking-" + bookingId + "-reminder@flightbooking.example>");
        });
    }

    /** As the travel fulfiller makes them. */
    private static String locatorOf(UUID bookingId) {
        return bookingId.toString().substring(0, 6).toUpperCase(Locale.ROOT);
    }

    private static String uniqueAddress() {
        return "passenger-" + UUID.randomUUID() + "@example.com";
    }
}
