package com.flightbooking.workers.reminders;

import static com.flightbooking.events.testing.Unis.completes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.flightbooking.events.BookingDetails;
import com.flightbooking.events.BookingStatusChanged;
import com.flightbooking.events.EventCodec;
import com.flightbooking.events.EventEnvelope;
import com.flightbooking.events.Flight;
import com.flightbooking.events.testing.SampleEvents;
import com.flightbooking.kit.consumer.PermanentFailure;
import com.flightbooking.kit.outbox.Outbox;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/** When a departure reminder is scheduled, and what a cancellation does to it, with the repository mocked. */
class ReminderServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final Instant EARLIER = NOW.minusSeconds(60);
    private static final Duration LEAD_TIME = Duration.ofHours(24);

    private final UUID bookingId = UUID.randomUUID();
    private final BookingDetails booking = SampleEvents.details();
    private final Instant departure = booking.flight().departureTime();
    private final EventCodec codec = new EventCodec();
    private final DepartureReminderRepository repository = mock(DepartureReminderRepository.class);
    private final RemindersConfig config = mock(RemindersConfig.class);
    private final ReminderService service = new ReminderService(repository, new ReminderClaimRepository(),
            mock(Pool.class), mock(Outbox.class), codec, config, Clock.fixed(NOW, ZoneOffset.UTC));

    ReminderServiceTest() {
        when(config.leadTime()).thenReturn(LEAD_TIME);
    }

    @Test
    void aConfirmedBookingIsRemindedTheLeadTimeBeforeDepartureWithItsConfirmationKept() {
        EventEnvelope confirmed = statusChanged(booking, BookingStatusChanged.Status.CONFIRMED);
        when(repository.createIfAbsent(any(), any(), any(), any(), any(), any())).thenReturn(Uni.createFrom().item(true));

        completes(service.schedule(confirmed, confirmed.dataAs(BookingStatusChanged.class)));

        verify(repository).createIfAbsent(bookingId, DepartureReminder.Status.SCHEDULED, departure.minus(LEAD_TIME),
                departure, codec.encode(confirmed), NOW);
    }

    @Test
    void aBookingConfirmedWithinTheLeadTimeIsDueAtOnceButKeepsTheDueTimeItShouldHaveHad() {
        Instant soon = NOW.plus(Duration.ofHours(3));
        BookingDetails lastMinute = new BookingDetails(booking.passenger(),
                new Flight("BA117", "LHR", "JFK", soon), booking.fare(), booking.corporateAccountId());
        EventEnvelope confirmed = statusChanged(lastMinute, BookingStatusChanged.Status.CONFIRMED);
        when(repository.createIfAbsent(any(), any(), any(), any(), any(), any())).thenReturn(Uni.createFrom().item(false));

        completes(service.schedule(confirmed, confirmed.dataAs(BookingStatusChanged.class)));

        Instant dueAt = soon.minus(LEAD_TIME);
        assertThat(dueAt).isBefore(NOW);
        verify(repository).createIfAbsent(bookingId, DepartureReminder.Status.SCHEDULED, dueAt, soon,
                codec.encode(confirmed), NOW);
    }

    @Test
    void aBookingWithoutDepartureTimeCannotBeRemindedAndIsAPermanentFailure() {
        BookingDetails noDeparture = new BookingDetails(booking.passenger(), new Flight("BA117", "LHR", "JFK", null),
                booking.fare(), booking.corporateAccountId());
        EventEnvelope confirmed = statusChanged(noDeparture, BookingStatusChanged.Status.CONFIRMED);

        assertThatThrownBy(() -> service.schedule(confirmed, confirmed.dataAs(BookingStatusChanged.class)))
                .isInstanceOf(PermanentFailure.class).hasMessageContaining("has no departure time");
        verifyNoInteractions(repository);
    }

    @Test
    void aCancellationCancelsAScheduledReminder() {
        DepartureReminder reminder = found(DepartureReminder.Status.SCHEDULED);

        cancel();

        assertThat(reminder.status).isEqualTo(DepartureReminder.Status.CANCELLED);
        assertThat(reminder.updatedAt).isEqualTo(NOW);
    }

    @ParameterizedTest
    @EnumSource(value = DepartureReminder.Status.class, names = "SCHEDULED", mode = EnumSource.Mode.EXCLUDE)
    void aCancellationLeavesAReminderThatFiredExpiredOrWasCancelledAsItIs(DepartureReminder.Status status) {
        DepartureReminder reminder = found(status);

        cancel();

        assertThat(reminder.status).isEqualTo(status);
        assertThat(reminder.updatedAt).isEqualTo(EARLIER);
    }

    @Test
    void aCancellationBeforeAnyConfirmationWritesTheReminderCancelledSoThatNoneIsEverScheduled() {
        found(DepartureReminder.Status.CANCELLED);

        EventEnvelope cancelled = cancel();

        verify(repository).lockOrCreate(bookingId, DepartureReminder.Status.CANCELLED, departure.minus(LEAD_TIME),
                departure, codec.encode(cancelled), NOW);
    }

    private EventEnvelope cancel() {
        EventEnvelope cancelled = statusChanged(booking, BookingStatusChanged.Status.CANCELLED);
        completes(service.cancel(cancelled, cancelled.dataAs(BookingStatusChanged.class)));
        return cancelled;
    }

    private DepartureReminder found(DepartureReminder.Status status) {
        DepartureReminder reminder = new DepartureReminder();
        reminder.bookingId = bookingId;
        reminder.status = status;
        reminder.updatedAt = EARLIER;
        when(repository.lockOrCreate(any(), any(), any(), any(), any(), any()))
                .thenReturn(Uni.createFrom().item(reminder));
        return reminder;
    }

    private EventEnvelope statusChanged(BookingDetails details, BookingStatusChanged.Status status) {
        return SampleEvents.statusChangedEvent(bookingId, details, status,
                status == BookingStatusChanged.Status.CONFIRMED ? "ABC123" : null, null);
    }
}
