package com.flightbooking.workers.reminders;

import static com.flightbooking.events.testing.PoolStub.rows;
import static com.flightbooking.events.testing.Unis.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.flightbooking.events.BookingDetails;
import com.flightbooking.events.BookingStatusChanged;
import com.flightbooking.events.DepartureReminderDue;
import com.flightbooking.events.EventCodec;
import com.flightbooking.events.EventEnvelope;
import com.flightbooking.events.QueueRole;
import com.flightbooking.events.testing.PoolStub;
import com.flightbooking.events.testing.SampleEvents;
import com.flightbooking.kit.messaging.MessagingConfig;
import com.flightbooking.kit.outbox.Outbox;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The reminder poller's rounds with the database mocked: the claim decides which reminders are due and which
 * expired (the SQL is tested against PostgreSQL in {@code DepartureReminderTest}); here, what the service and its
 * poller do with the answer: one {@link DepartureReminderDue} per fired reminder in order of due time, none for an
 * expired one, and batches until one comes back short.
 */
class ReminderPollerRoundTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    private final PoolStub database = new PoolStub();
    private final Outbox outbox = mock(Outbox.class);
    private final EventCodec codec = new EventCodec();
    private final RemindersConfig config = mock(RemindersConfig.class);
    private final RemindersConfig.Poller pollerConfig = mock(RemindersConfig.Poller.class);
    private final MessagingConfig messaging = mock(MessagingConfig.class);
    private final List<List<EventEnvelope>> appended = new ArrayList<>();
    private final ReminderService reminders = new ReminderService(mock(DepartureReminderRepository.class),
            new ReminderClaimRepository(), database.pool, outbox, codec, config, Clock.fixed(NOW, ZoneOffset.UTC));
    private final ReminderPoller poller = new ReminderPoller(reminders, config);

    @SuppressWarnings("unchecked")
    ReminderPollerRoundTest() {
        when(config.batchSize()).thenReturn(3);
        when(config.pollInterval()).thenReturn(Duration.ofSeconds(5));
        when(config.poller()).thenReturn(pollerConfig);
        when(pollerConfig.enabled()).thenReturn(true);
        when(messaging.roles()).thenReturn(Optional.of(List.of("payment", QueueRole.Names.REMINDERS)));
        when(outbox.append(eq(database.connection), any(List.class))).thenAnswer(call -> {
            appended.add(call.getArgument(1));
            return Uni.createFrom().voidItem();
        });
    }

    @Test
    void aClaimTakesAtMostBatchSizeRemindersDueNow() {
        List<Tuple> claims = claimInTurn(List.of());

        ReminderService.Batch batch = await(reminders.fireBatch());

        assertThat(batch.fired()).isEmpty();
        assertThat(batch.expired()).isEmpty();
        assertThat(claims).singleElement().satisfies(parameters -> {
            assertThat(parameters.getOffsetDateTime(0)).isEqualTo(NOW.atOffset(ZoneOffset.UTC));
            assertThat(parameters.getInteger(1)).isEqualTo(3);
        });
    }

    @Test
    void firedRemindersAnnounceDepartureReminderDueInOrderOfDueTimeInTheConfirmationsStory() {
        Claimed early = fired(2);
        Claimed late = fired(1);
        claimInTurn(List.of(List.of(late, early)));

        ReminderService.Batch batch = await(reminders.fireBatch());

        assertThat(batch.fired()).containsExactly(early.bookingId, late.bookingId);
        assertThat(appended).singleElement().satisfies(events -> {
            assertThat(events).extracting(EventEnvelope::data).containsExactly(
                    new DepartureReminderDue(early.bookingId, early.booking, "ABC123"),
                    new DepartureReminderDue(late.bookingId, late.booking, "ABC123"));
            assertThat(events).extracting(EventEnvelope::correlationId)
                    .containsExactly(early.confirmation.correlationId(), late.confirmation.correlationId());
            assertThat(events).allSatisfy(event -> {
                assertThat(event.source()).isEqualTo(ReminderService.EVENT_SOURCE);
                assertThat(event.time()).isEqualTo(NOW);
                assertThat(event.traceparent()).isNull();
            });
        });
    }

    @Test
    void anExpiredReminderAnnouncesNothing() {
        Claimed gone = expired(3);
        Claimed due = fired(1);
        claimInTurn(List.of(List.of(gone, due)));

        ReminderService.Batch batch = await(reminders.fireBatch());

        assertThat(batch.expired()).containsExactly(gone.bookingId);
        assertThat(batch.fired()).containsExactly(due.bookingId);
        assertThat(appended).singleElement().satisfies(events -> assertThat(events).hasSize(1));
    }

    @Test
    void aFullBatchIsFollowedByTheNextAtOnceAndAShortOneEndsTheRun() {
        List<Tuple> claims = claimInTurn(List.of(List.of(fired(9), fired(8), expired(7)),
                List.of(fired(6), fired(5), fired(4)), List.of(expired(3))));

        ReminderPoller.Totals totals = await(poller.fireDue());

        assertThat(claims).hasSize(3);
        assertThat(totals).isEqualTo(new ReminderPoller.Totals(5, 2));
    }

    @Test
    void firingByHandClaimsOnlyThatBookingsScheduledReminderWhateverItsDueTime() {
        Claimed claimed = fired(-48);
        List<Tuple> claims = new ArrayList<>();
        database.answer("WHERE booking_id = $2 AND status = 'SCHEDULED'", parameters -> {
            claims.add(parameters);
            return Uni.createFrom().item(rows(List.of(claimed.row())));
        });

        ReminderService.Batch batch = await(reminders.fire(claimed.bookingId));

        assertThat(batch.fired()).containsExactly(claimed.bookingId);
        assertThat(claims).singleElement().satisfies(parameters -> {
            assertThat(parameters.getOffsetDateTime(0)).isEqualTo(NOW.atOffset(ZoneOffset.UTC));
            assertThat(parameters.getUUID(1)).isEqualTo(claimed.bookingId);
        });
    }

    @Test
    void eachScheduledPollClaimsWhatIsDue() {
        List<Tuple> claims = claimInTurn(List.of());

        await(poller.poll());
        await(poller.poll());

        assertThat(claims).hasSize(2);
    }

    @Test
    void aFailedPollEndsQuietlyAndTheNextOneTriesAgain() {
        List<Tuple> claims = new ArrayList<>();
        database.answer("status = 'SCHEDULED' AND due_at <= $1", parameters -> {
            claims.add(parameters);
            return claims.size() == 1 ? Uni.createFrom().failure(new IllegalStateException("connection lost"))
                    : Uni.createFrom().item(rows(List.of()));
        });

        await(poller.poll());
        await(poller.poll());

        assertThat(claims).hasSize(2);
    }

    @Test
    void pollsAreSkippedWhereTheRemindersRoleDoesNotRunOrWhereThePollerIsSwitchedOff() {
        when(messaging.roles()).thenReturn(Optional.of(List.of(QueueRole.Names.PAYMENT)));
        assertThat(new ReminderPoller.Off(config, messaging).test(null)).isTrue();
        when(messaging.roles()).thenReturn(Optional.empty());
        assertThat(new ReminderPoller.Off(config, messaging).test(null)).isTrue();
        when(messaging.roles()).thenReturn(Optional.of(List.of(QueueRole.Names.REMINDERS)));
        assertThat(new ReminderPoller.Off(config, messaging).test(null)).isFalse();
        when(pollerConfig.enabled()).thenReturn(false);
        assertThat(new ReminderPoller.Off(config, messaging).test(null)).isTrue();
    }

    /** Each due-reminder claim answers the next batch, then none. */
    private List<Tuple> claimInTurn(List<List<Claimed>> batches) {
        List<List<Claimed>> remaining = new ArrayList<>(batches);
        return database.answer("status = 'SCHEDULED' AND due_at <= $1", parameters -> {
            List<Claimed> batch = remaining.isEmpty() ? List.of() : remaining.remove(0);
            return Uni.createFrom().item(rows(batch.stream().map(Claimed::row).toList()));
        });
    }

    private Claimed fired(int dueHoursAgo) {
        return new Claimed(DepartureReminder.Status.FIRED, NOW.minus(Duration.ofHours(dueHoursAgo)));
    }

    private Claimed expired(int dueHoursAgo) {
        return new Claimed(DepartureReminder.Status.EXPIRED, NOW.minus(Duration.ofHours(dueHoursAgo)));
    }

    /** A reminder as the claim returns it, scheduled by a confirmation of its own booking. */
    private final class Claimed {

        final UUID bookingId = UUID.randomUUID();
        final BookingDetails booking = SampleEvents.details();
        final EventEnvelope confirmation = SampleEvents.statusChangedEvent(bookingId, booking,
                BookingStatusChanged.Status.CONFIRMED, "ABC123", null);
        final DepartureReminder.Status status;
        final Instant dueAt;

        Claimed(DepartureReminder.Status status, Instant dueAt) {
            this.status = status;
            this.dueAt = dueAt;
        }

        Row row() {
            Row row = mock(Row.class);
            when(row.getUUID("booking_id")).thenReturn(bookingId);
            when(row.getString("status")).thenReturn(status.name());
            when(row.getOffsetDateTime("due_at")).thenReturn(OffsetDateTime.ofInstant(dueAt, ZoneOffset.UTC));
            when(row.getString("booking_event")).thenReturn(codec.encode(confirmation));
            return row;
        }
    }
}
