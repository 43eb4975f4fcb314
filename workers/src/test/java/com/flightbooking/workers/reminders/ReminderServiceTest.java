package com.flightbooking.workers.reminders;

import static com.flightbooking.events.testing.Unis.completes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.inOrder;
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
import org.mockito.InOrder;

import com.flightbooking.events.BookingDetails;
import com.flightbooking.events.BookingStatusChanged;
import com.flightbooking.events.EventCodec;
import com.flightbooking.events.EventEnvelope;
import com.flightbooking.events.Flight;
import com.flightbooking.events.testing.PoolStub;
import com.flightbooking.events.testing.SampleEvents;
import com.flightbooking.kit.consumer.PermanentFailure;
import com.flightbooking.kit.outbox.Outbox;

import io.smallrye.mutiny.Uni;

/**
 * When a departure reminder is scheduled, and what a cancellation does to it, with the repository mocked (its SQL is
 * tested against PostgreSQL in {@code DepartureReminderTest}).
 */
class ReminderServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final Duration LEAD_TIME = Duration.ofHours(24);

    private final UUID bookingId = UUID.randomUUID();
    private final BookingDetails booking = SampleEvents.details();
    private final Instant departure = booking.flight().departureTime();
    private final EventCodec codec = new EventCodec();
    private final DepartureReminderRepository repository = mock(DepartureReminderRepository.class);
    private final RemindersConfig config = mock(RemindersConfig.class);
    private final PoolStub database = new PoolStub();
    private final ReminderService service = new ReminderService(repository, new ReminderClaimRepository(),
            database.pool, mock(Outbox.class), codec, config, Clock.fixed(NOW, ZoneOffset.UTC));

    ReminderServiceTest() {
        when(config.leadTime()).thenReturn(LEAD_TIME);
    }

    @Test
    void aConfirmedBookingIsRemindedTheLeadTimeBeforeDepartureWithItsConfirmationKept() {
        EventEnvelope confirmed = statusChanged(booking, BookingStatusChanged.Status.CONFIRMED);
        when(repository.createIfAbsent(any(), any(), any(), any(), any(), any(), any()))
                .thenReturn(Uni.createFrom().item(true));

        completes(service.schedule(confirmed, confirmed.dataAs(BookingStatusChanged.class)));

        verify(repository).createIfAbsent(database.pool, bookingId, DepartureReminder.Status.SCHEDULED,
                departure.minus(LEAD_TIME),
                departure, codec.encode(confirmed), NOW);
    }

    @Test
    void aBookingConfirmedWithinTheLeadTimeIsDueAtOnceButKeepsTheDueTimeItShouldHaveHad() {
        Instant soon = NOW.plus(Duration.ofHours(3));
        BookingDetails lastMinute = new BookingDetails(booking.passenger(),
                new Flight("BA117", "LHR", "JFK", soon), booking.fare(), booking.corporateAccountId());
        EventEnvelope confirmed = statusChanged(lastMinute, BookingStatusChanged.Status.CONFIRMED);
        when(repository.createIfAbsent(any(), any(), any(), any(), any(), any(), any()))
                .thenReturn(Uni.createFrom().item(false));

        completes(service.schedule(confirmed, confirmed.dataAs(BookingStatusChanged.class)));

        Instant dueAt = soon.minus(LEAD_TIME);
        assertThat(dueAt).isBefore(NOW);
        verify(repository).createIfAbsent(database.pool, bookingId, DepartureReminder.Status.SCHEDULED, dueAt, soon,
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
    void aCancellationWritesTheReminderCancelledWhenThereIsNoneThenCancelsAScheduledOneInOneTransaction() {
        when(repository.createIfAbsent(any(), any(), any(), any(), any(), any(), any()))
                .thenReturn(Uni.createFrom().item(false));
        when(repository.cancelScheduled(any(), any(), any())).thenReturn(Uni.createFrom().item(true));
        EventEnvelope cancelled = statusChanged(booking, BookingStatusChanged.Status.CANCELLED);

        completes(service.cancel(cancelled, cancelled.dataAs(BookingStatusChanged.class)));

        InOrder order = inOrder(repository);
        order.verify(repository).createIfAbsent(database.connection, bookingId, DepartureReminder.Status.CANCELLED,
                departure.minus(LEAD_TIME), departure, codec.encode(cancelled), NOW);
        order.verify(repository).cancelScheduled(database.connection, bookingId, NOW);
    }

    private EventEnvelope statusChanged(BookingDetails details, BookingStatusChanged.Status status) {
        return SampleEvents.statusChangedEvent(bookingId, details, status,
                status == BookingStatusChanged.Status.CONFIRMED ? "ABC123" : null, null);
    }
}
