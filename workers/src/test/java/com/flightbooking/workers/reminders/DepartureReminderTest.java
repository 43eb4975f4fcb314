package com.flightbooking.workers.reminders;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.flightbooking.events.BookingDetails;
import com.flightbooking.events.BookingStatusChanged;
import com.flightbooking.events.DepartureReminderDue;
import com.flightbooking.events.EventCodec;
import com.flightbooking.events.EventEnvelope;
import com.flightbooking.events.EventType;
import com.flightbooking.events.Flight;
import com.flightbooking.events.Money;
import com.flightbooking.events.Passenger;
import com.flightbooking.events.outbox.Outbox;
import com.flightbooking.localinfra.Mailbox;
import com.flightbooking.events.testing.MovableClock;
import com.flightbooking.events.testing.SampleEvents;
import com.flightbooking.events.testing.Sql;
import com.flightbooking.workers.Partners;
import com.flightbooking.workers.Topic;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The reminders role and its poller, driven through the topic like in production, with the app's clock moved
 * instead of waiting a day. The app's own poller runs throughout (every second in tests).
 */
@QuarkusTest
class DepartureReminderTest {

    // Generous: a loaded machine may be slow; a passing test returns as soon as the outcome is there.
    private static final Duration SOON = Duration.ofSeconds(20);
    private static final Duration DAY = Duration.ofHours(24);

    @Inject
    Topic topic;
    @Inject
    Partners partners;
    @Inject
    Pool pool;
    @Inject
    MovableClock clock;
    @Inject
    ReminderPoller poller;
    @Inject
    Outbox outbox;
    @Inject
    EventCodec codec;
    @Inject
    RemindersConfig config;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void remindsOnceADayBeforeDepartureWhenTwoPollersClaimAtOnce() {
        Topic.Spy spy = topic.spy();
        Instant departure = now().plus(Duration.ofDays(3));
        List<Booking> bookings = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            bookings.add(confirm(departure));
        }
        // A redelivered confirmation schedules nothing new.
        topic.publish(bookings.get(0).confirmed());
        bookings.forEach(b -> awaitStatus(b.id(), "SCHEDULED"));
        assertThat(dueAt(bookings.get(0).id())).isEqualTo(departure.minus(DAY));
        topic.awaitQuiescence("reminders");
        assertThat(poller.fireBatch().await().atMost(SOON).fired()).doesNotContainAnyElementsOf(ids(bookings));

        clock.advance(Duration.ofDays(2).plusMinutes(1));
        // Two more pollers claiming at the same moment as the app's own, as in two more replicas; batches of three,
        // so that each has to skip what the other holds.
        ReminderPoller replica = new ReminderPoller(pool, outbox, codec, clock, batchesOf(3));
        ReminderPoller another = new ReminderPoller(pool, outbox, codec, clock, batchesOf(3));
        CompletableFuture<ReminderPoller.Batch> first = replica.fireBatch().subscribeAsCompletionStage();
        CompletableFuture<ReminderPoller.Batch> second = another.fireBatch().subscribeAsCompletionStage();
        Set<UUID> byFirst = new HashSet<>(first.join().fired());
        Set<UUID> bySecond = new HashSet<>(second.join().fired());

        assertThat(byFirst).hasSizeLessThanOrEqualTo(3);
        assertThat(bySecond).hasSizeLessThanOrEqualTo(3);
        assertThat(intersection(byFirst, bySecond)).isEmpty();
        bookings.forEach(b -> awaitStatus(b.id(), "FIRED"));
        for (Booking booking : bookings) {
            assertThat(outboxReminders(booking.id())).isEqualTo(1);
            Topic.Published reminder = await().atMost(SOON)
                    .until(() -> spy.of(booking.id(), EventType.DEPARTURE_REMINDER_DUE), list -> !list.isEmpty())
                    .get(0);
            assertThat(reminder.data(DepartureReminderDue.class)).isEqualTo(
                    new DepartureReminderDue(booking.id(), booking.details(), locatorOf(booking.id())));
            assertThat(reminder.event().correlationId()).isEqualTo(booking.confirmed().correlationId());
            await().atMost(SOON).until(() -> reminderEmails(booking), list -> !list.isEmpty());
        }
        topic.awaitQuiescence("notification");
        for (Booking booking : bookings) {
            assertThat(spy.of(booking.id(), EventType.DEPARTURE_REMINDER_DUE)).hasSize(1);
            List<Mailbox.Email> emails = reminderEmails(booking);
            assertThat(emails).singleElement().satisfies(email -> {
                assertThat(email.subject()).startsWith("Reminder: your flight BA117 departs");
                assertThat(email.body()).contains(locatorOf(booking.id()), "LHR", "JFK", booking.id().toString());
                assertThat(email.messageId())
                        .isEqualTo("<booking-" + booking.id() + "-reminder@flightbooking.example>");
            });
        }
    }

    @Test
    void aCancelledBookingIsNeverRemindedEvenWhenItsCancellationArrivesFirst() {
        Instant departure = now().plus(Duration.ofDays(3));
        Booking cancelledAfter = confirm(departure);
        awaitStatus(cancelledAfter.id(), "SCHEDULED");
        topic.publish(cancellation(cancelledAfter));
        Booking cancelledBefore = booking(departure);
        topic.publish(cancellation(cancelledBefore));
        awaitStatus(cancelledBefore.id(), "CANCELLED");
        topic.publish(cancelledBefore.confirmed());

        awaitStatus(cancelledAfter.id(), "CANCELLED");
        topic.awaitQuiescence("reminders");
        clock.advance(Duration.ofDays(2).plusMinutes(1));
        poller.fireDue().await().atMost(SOON);

        for (Booking booking : List.of(cancelledAfter, cancelledBefore)) {
            assertThat(status(booking.id())).isEqualTo("CANCELLED");
            assertThat(outboxReminders(booking.id())).isZero();
            assertThat(Sql.count(pool, "SELECT count(*) FROM sent_email WHERE booking_id = $1 AND outcome = $2",
                    booking.id(), "REMINDER")).isZero();
        }
    }

    @Test
    void aReminderThatFellDueWhileNoPollerRanFiresOnTheNextRound() {
        Instant departure = now().plus(Duration.ofDays(3));
        Booking booking = confirm(departure);
        awaitStatus(booking.id(), "SCHEDULED");

        // As if every worker had been down since half a day before the reminder was due.
        clock.advance(Duration.ofDays(2).plusHours(12));

        awaitStatus(booking.id(), "FIRED");
        assertThat(outboxReminders(booking.id())).isEqualTo(1);
        Mailbox.Email email = await().atMost(SOON)
                .until(() -> reminderEmails(booking), list -> !list.isEmpty()).get(0);
        assertThat(email.subject()).startsWith("Reminder: your flight BA117");
    }

    @Test
    void aReminderWhoseFlightLeftWhileNoPollerRanIsDropped() {
        Instant departure = now().plus(Duration.ofDays(3));
        Booking booking = confirm(departure);
        awaitStatus(booking.id(), "SCHEDULED");

        clock.advance(Duration.ofDays(3).plusHours(1));

        awaitStatus(booking.id(), "EXPIRED");
        assertThat(outboxReminders(booking.id())).isZero();
    }

    @Test
    void aBookingConfirmedLessThanADayBeforeDepartureIsRemindedAtOnce() {
        Topic.Spy spy = topic.spy();
        Instant departure = now().plus(Duration.ofHours(6));
        Booking booking = confirm(departure);

        Topic.Published reminder = await().atMost(SOON)
                .until(() -> spy.of(booking.id(), EventType.DEPARTURE_REMINDER_DUE), list -> !list.isEmpty())
                .get(0);
        assertThat(reminder.data(DepartureReminderDue.class).booking()).isEqualTo(booking.details());
        assertThat(status(booking.id())).isEqualTo("FIRED");
        // Due since departure minus a day: a backlog is worked off in order of departure.
        assertThat(dueAt(booking.id())).isEqualTo(departure.minus(DAY));
        await().atMost(SOON).until(() -> reminderEmails(booking), list -> !list.isEmpty());
    }

    @Test
    void opsCanLookAtAReminderAndFireItByHandOnce() {
        Topic.Spy spy = topic.spy();
        Instant departure = now().plus(Duration.ofDays(10));
        Booking booking = confirm(departure);
        awaitStatus(booking.id(), "SCHEDULED");

        given().when().get("/admin/reminders/{id}", booking.id()).then().statusCode(200)
                .body("status", equalTo("SCHEDULED"))
                .body("dueAt", equalTo(departure.minus(DAY).toString()))
                .body("flightNumber", equalTo("BA117"))
                .body("recordLocator", equalTo(locatorOf(booking.id())));

        given().when().post("/admin/reminders/{id}/fire", booking.id()).then().statusCode(200)
                .body("status", equalTo("FIRED"));
        await().atMost(SOON)
                .until(() -> spy.of(booking.id(), EventType.DEPARTURE_REMINDER_DUE), list -> !list.isEmpty());
        await().atMost(SOON).until(() -> reminderEmails(booking), list -> !list.isEmpty());

        given().when().post("/admin/reminders/{id}/fire", booking.id()).then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("FIRED"));
        given().when().get("/admin/reminders/{id}", UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
        assertThat(outboxReminders(booking.id())).isEqualTo(1);
    }

    /** Whole seconds, as the database and JSON give them back. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    private record Booking(UUID id, BookingDetails details, EventEnvelope confirmed) {

        String email() {
            return details.passenger().email();
        }
    }

    private Booking booking(Instant departure) {
        UUID id = UUID.randomUUID();
        BookingDetails details = new BookingDetails(new Passenger("Grace Hopper", "passenger-" + id + "@example.com"),
                new Flight("BA117", "LHR", "JFK", departure), new Money(new BigDecimal("499.90"), "EUR"), null);
        return new Booking(id, details, SampleEvents.statusChangedEvent(id, details,
                BookingStatusChanged.Status.CONFIRMED, locatorOf(id), null));
    }

    private Booking confirm(Instant departure) {
        Booking booking = booking(departure);
        topic.publish(booking.confirmed());
        return booking;
    }

    private static EventEnvelope cancellation(Booking booking) {
        return SampleEvents.statusChangedEvent(booking.id(), booking.details(),
                BookingStatusChanged.Status.CANCELLED, null, "cancelled by the customer");
    }

    /** The booking's reminder emails (its confirmation email is the notification role's too). */
    private List<Mailbox.Email> reminderEmails(Booking booking) {
        return partners.emailsTo(booking.email()).stream().filter(e -> e.subject().startsWith("Reminder:")).toList();
    }

    private void awaitStatus(UUID bookingId, String status) {
        await().atMost(SOON).until(() -> status(bookingId), status::equals);
    }

    private String status(UUID bookingId) {
        var rows = pool.preparedQuery("SELECT status FROM departure_reminder WHERE booking_id = $1")
                .execute(Tuple.of(bookingId)).await().indefinitely();
        return rows.size() == 0 ? null : rows.iterator().next().getString("status");
    }

    private Instant dueAt(UUID bookingId) {
        Row row = pool.preparedQuery("SELECT due_at FROM departure_reminder WHERE booking_id = $1")
                .execute(Tuple.of(bookingId)).await().indefinitely().iterator().next();
        return row.getOffsetDateTime("due_at").toInstant();
    }

    private long outboxReminders(UUID bookingId) {
        return Sql.count(pool, "SELECT count(*) FROM outbox WHERE subject = $1 AND event_type = $2",
                bookingId.toString(), EventType.DEPARTURE_REMINDER_DUE.ceType());
    }

    private RemindersConfig batchesOf(int size) {
        return new RemindersConfig() {

            @Override
            public Duration leadTime() {
                return config.leadTime();
            }

            @Override
            public Duration pollInterval() {
                return config.pollInterval();
            }

            @Override
            public int batchSize() {
                return size;
            }

            @Override
            public Poller poller() {
                return config.poller();
            }
        };
    }

    private static Set<UUID> intersection(Set<UUID> a, Set<UUID> b) {
        Set<UUID> both = new HashSet<>(a);
        both.retainAll(b);
        return both;
    }

    private static List<UUID> ids(List<Booking> bookings) {
        return bookings.stream().map(Booking::id).toList();
    }

    /** As the travel fulfiller makes them. */
    private static String locatorOf(UUID bookingId) {
        return bookingId.toString().substring(0, 6).toUpperCase(Locale.ROOT);
    }
}
