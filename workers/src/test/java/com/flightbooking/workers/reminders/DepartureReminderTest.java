package com.flightbooking.workers.reminders;

import static com.flightbooking.workers.Operators.asOps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.math.BigDecimal;
import java.time.Clock;
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
import java.util.concurrent.TimeUnit;

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
import com.flightbooking.events.testing.MovableClock;
import com.flightbooking.events.testing.SampleEvents;
import com.flightbooking.events.testing.Sql;
import com.flightbooking.kit.outbox.Outbox;
import com.flightbooking.localinfra.Mailbox;
import com.flightbooking.workers.Partners;
import com.flightbooking.workers.Topic;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
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
    /** Transactions that claimed reminders and now wait for the test's lock on the outbox. */
    private static final String CLAIMS_WAITING_FOR_THE_OUTBOX = """
            SELECT count(DISTINCT waiting.pid) FROM pg_locks waiting
            JOIN pg_class outbox ON outbox.oid = waiting.relation AND outbox.relname = 'outbox'
            WHERE NOT waiting.granted AND waiting.pid IN (
                SELECT claimed.pid FROM pg_locks claimed
                JOIN pg_class reminders ON reminders.oid = claimed.relation
                    AND reminders.relname = 'departure_reminder'
                WHERE claimed.granted AND claimed.mode = 'RowExclusiveLock')""";

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
    ReminderService reminders;
    @Inject
    DepartureReminderRepository repository;
    @Inject
    ReminderClaimRepository claims;
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
    void remindsOnceADayBeforeDepartureWhenTwoPollersClaimAtOnce() throws Exception {
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
        assertThat(reminders.fireBatch().await().atMost(SOON).fired()).doesNotContainAnyElementsOf(ids(bookings));

        // The batches of two more replicas' pollers, a day before departure; batches of three, so that each has to
        // skip what the other holds. The app's own poller still lives a day earlier: nothing is due for it yet.
        Clock dayBefore = Clock.offset(clock, Duration.ofDays(2).plusMinutes(1));
        ReminderService replica = new ReminderService(repository, claims, pool, outbox, codec, batchesOf(3), dayBefore);
        ReminderService another = new ReminderService(repository, claims, pool, outbox, codec, batchesOf(3), dayBefore);
        // Both claims are held open at once: the outbox is locked against writes until each poller has claimed its
        // batch and waits to append its reminders.
        SqlConnection lock = pool.getConnection().await().atMost(SOON);
        Set<UUID> byFirst;
        Set<UUID> bySecond;
        try {
            Transaction transaction = lock.begin().await().atMost(SOON);
            lock.query("LOCK TABLE outbox IN SHARE MODE").execute().await().atMost(SOON);
            CompletableFuture<ReminderService.Batch> first = replica.fireBatch().subscribeAsCompletionStage();
            CompletableFuture<ReminderService.Batch> second = another.fireBatch().subscribeAsCompletionStage();
            await().atMost(SOON).until(() -> Sql.count(pool, CLAIMS_WAITING_FOR_THE_OUTBOX) == 2);
            transaction.rollback().await().atMost(SOON);
            byFirst = new HashSet<>(first.get(SOON.toSeconds(), TimeUnit.SECONDS).fired());
            bySecond = new HashSet<>(second.get(SOON.toSeconds(), TimeUnit.SECONDS).fired());
        } finally {
            lock.close().await().atMost(SOON);
        }

        assertThat(byFirst).hasSize(3);
        assertThat(bySecond).hasSize(3);
        assertThat(intersection(byFirst, bySecond)).isEmpty();
        // The rest is the app's own poller's, once its day has come too.
        clock.advance(Duration.ofDays(2).plusMinutes(1));
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
    void aCancellationAfterTheReminderFiredLeavesItFired() {
        Booking booking = confirm(now().plus(Duration.ofHours(6)));
        awaitStatus(booking.id(), "FIRED");

        topic.publish(cancellation(booking));
        topic.awaitQuiescence("reminders");

        assertThat(status(booking.id())).isEqualTo("FIRED");
        assertThat(outboxReminders(booking.id())).isEqualTo(1);
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

        asOps().when().get("/admin/reminders/{id}", booking.id()).then().statusCode(200)
                .body("status", equalTo("SCHEDULED"))
                .body("dueAt", equalTo(departure.minus(DAY).toString()))
                .body("flightNumber", equalTo("BA117"))
                .body("recordLocator", equalTo(locatorOf(booking.id())));

        asOps().when().post("/admin/reminders/{id}/fire", booking.id()).then().statusCode(200)
                .body("status", equalTo("FIRED"));
        await().atMost(SOON)
                .until(() -> spy.of(booking.id(), EventType.DEPARTURE_REMINDER_DUE), list -> !list.isEmpty());
        await().atMost(SOON).until(() -> reminderEmails(booking), list -> !list.isEmpty());

        asOps().when().post("/admin/reminders/{id}/fire", booking.id()).then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("FIRED"));
        asOps().when().get("/admin/reminders/{id}", UUID.randomUUID()).then().statusCode(404)
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
