package com.flightbooking.workers.fulfilment;

import static com.flightbooking.events.testing.Unis.await;
import static com.flightbooking.workers.OutboxAppends.appendedOn;
import static com.flightbooking.workers.OutboxAppends.appendedWith;
import static com.flightbooking.workers.OutboxAppends.assertNothingAppended;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.flightbooking.events.BookingDetails;
import com.flightbooking.events.BookingFulfilled;
import com.flightbooking.events.EventEnvelope;
import com.flightbooking.events.FulfilmentFailed;
import com.flightbooking.events.ReservationCancelled;
import com.flightbooking.events.testing.PoolStub;
import com.flightbooking.events.testing.SampleEvents;
import com.flightbooking.kit.outbox.Outbox;
import com.flightbooking.kit.outbox.Outbox.ConditionalWrite;
import com.flightbooking.workers.OutboxAppends;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The reservation state machine, step by step, with the repository and the outbox mocked: each step is one
 * transaction, and a step writes the reservation and appends its event on that transaction's connection, or writes
 * nothing. A booked seat is first one conditional statement (its conditions are {@link ReservationRepositoryTest}'s);
 * what it did not record takes the transaction.
 */
class FulfilmentServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final Instant EARLIER = NOW.minusSeconds(60);

    private final UUID bookingId = UUID.randomUUID();
    private final BookingDetails booking = SampleEvents.details();
    private final EventEnvelope cause = SampleEvents.paymentChargedEvent(bookingId, booking);
    private final ReservationRepository repository = mock(ReservationRepository.class);
    private final Outbox outbox = mock(Outbox.class);
    private final PoolStub database = new PoolStub();
    private final FulfilmentService service = new FulfilmentService(database.pool, repository, outbox,
            Clock.fixed(NOW, ZoneOffset.UTC));

    FulfilmentServiceTest() {
        when(repository.update(any(), any())).thenReturn(Uni.createFrom().voidItem());
        OutboxAppends.accept(outbox);
    }

    @Test
    void anAttemptStartsInOneStatementOnThePoolWithoutATransaction() {
        // What the statement counts and when is FulfilmentConsumerTest's, against PostgreSQL.
        Reservation reservation = reservation(Reservation.Status.RESERVING);
        when(repository.startAttempt(database.pool, bookingId, NOW)).thenReturn(Uni.createFrom().item(reservation));

        assertThat(await(service.startAttempt(bookingId))).isSameAs(reservation);
        verify(database.pool, never()).withTransaction(any());
    }

    @Test
    void aBookedSeatIsRecordedAndAnnouncedInOneStatementWithoutATransaction() {
        ConditionalWrite recordSeat = new ConditionalWrite("the seat", Tuple.tuple());
        when(repository.recordSeat(bookingId, "ABC123", NOW)).thenReturn(recordSeat);
        OutboxAppends.conditionalWritesApply(outbox);

        assertThat(await(service.reserved(cause, bookingId, booking, "ABC123"))).isNull();

        EventEnvelope appended = appendedWith(outbox, database.pool, recordSeat);
        assertThat(appended.data()).isEqualTo(new BookingFulfilled(bookingId, booking, "ABC123"));
        assertThat(appended.source()).isEqualTo(FulfilmentService.EVENT_SOURCE);
        assertThat(appended.time()).isEqualTo(NOW);
        assertThat(appended.correlationId()).isEqualTo(cause.correlationId());
        verify(database.pool, never()).withTransaction(any());
    }

    @Test
    void aBookedSeatTheStatementDidNotRecordIsRecordedUnderTheLockWhenStillReserving() {
        Reservation reservation = locked(Reservation.Status.RESERVING);

        assertThat(await(service.reserved(cause, bookingId, booking, "ABC123"))).isNull();

        assertThat(reservation.status).isEqualTo(Reservation.Status.RESERVED);
        assertThat(reservation.recordLocator).isEqualTo("ABC123");
        assertThat(reservation.updatedAt).isEqualTo(NOW);
        assertWritten(reservation);
        EventEnvelope appended = appendedOn(outbox, database.connection);
        assertThat(appended.data()).isEqualTo(new BookingFulfilled(bookingId, booking, "ABC123"));
        assertThat(appended.source()).isEqualTo(FulfilmentService.EVENT_SOURCE);
        assertThat(appended.time()).isEqualTo(NOW);
        assertThat(appended.correlationId()).isEqualTo(cause.correlationId());
    }

    @Test
    void aFailureWhileReservingRecordsTheReasonAndAnnouncesFulfilmentFailed() {
        Reservation reservation = locked(Reservation.Status.RESERVING);

        await(service.failed(cause, bookingId, booking, "no seats left"));

        assertThat(reservation.status).isEqualTo(Reservation.Status.FAILED);
        assertThat(reservation.failureReason).isEqualTo("no seats left");
        assertThat(reservation.updatedAt).isEqualTo(NOW);
        assertWritten(reservation);
        EventEnvelope appended = appendedOn(outbox, database.connection);
        assertThat(appended.data()).isEqualTo(new FulfilmentFailed(bookingId, booking, "no seats left"));
        assertThat(appended.source()).isEqualTo(FulfilmentService.EVENT_SOURCE);
        assertThat(appended.correlationId()).isEqualTo(cause.correlationId());
    }

    @ParameterizedTest
    @EnumSource(value = Reservation.Status.class, names = "RESERVING", mode = EnumSource.Mode.EXCLUDE)
    void aReservationOutcomeOutsideReservingChangesNothing(Reservation.Status status) {
        Reservation reservation = locked(status);

        assertThat(await(service.reserved(cause, bookingId, booking, "LATE01"))).isNull();
        await(service.failed(cause, bookingId, booking, "late failure"));

        assertUnchanged(reservation, status);
        assertThat(reservation.recordLocator).isNull();
        assertThat(reservation.failureReason).isNull();
    }

    @Test
    void aCancellationOfABookedSeatStartsCancellingIt() {
        Reservation reservation = createdOrFound(Reservation.Status.RESERVED);

        assertThat(await(service.cancel(bookingId))).isSameAs(reservation);
        assertThat(reservation.status).isEqualTo(Reservation.Status.CANCELLING);
        assertThat(reservation.updatedAt).isEqualTo(NOW);
        assertWritten(reservation);
    }

    @Test
    void aCancellationAlreadyUnderWayIsResumed() {
        Reservation reservation = createdOrFound(Reservation.Status.CANCELLING);

        assertThat(await(service.cancel(bookingId))).isSameAs(reservation);
        assertUnchanged(reservation, Reservation.Status.CANCELLING);
    }

    @ParameterizedTest
    @EnumSource(value = Reservation.Status.class, names = { "FAILED", "CANCELLED" })
    void aCancellationWithNoSeatBookedReleasesNothing(Reservation.Status status) {
        Reservation reservation = createdOrFound(status);

        assertThat(await(service.cancel(bookingId))).isNull();
        assertUnchanged(reservation, status);
    }

    @Test
    void aCancellationWhileTheSeatIsBeingBookedIsRecordedAndReleasesNothingYet() {
        Reservation reservation = createdOrFound(Reservation.Status.RESERVING);

        assertThat(await(service.cancel(bookingId))).isNull();

        assertThat(reservation.status).isEqualTo(Reservation.Status.RESERVING);
        assertThat(reservation.cancelRequested).isTrue();
        assertThat(reservation.updatedAt).isEqualTo(NOW);
        assertWritten(reservation);
        assertNothingAppended(outbox);
    }

    @Test
    void aSecondCancellationWhileTheSeatIsBeingBookedChangesNothing() {
        Reservation reservation = createdOrFound(Reservation.Status.RESERVING);
        reservation.cancelRequested = true;

        assertThat(await(service.cancel(bookingId))).isNull();

        assertUnchanged(reservation, Reservation.Status.RESERVING);
        assertThat(reservation.cancelRequested).isTrue();
    }

    @Test
    void aSeatBookedAfterTheCancellationIsAnnouncedAndToBeReleasedAtOnce() {
        Reservation reservation = locked(Reservation.Status.RESERVING);
        reservation.cancelRequested = true;

        assertThat(await(service.reserved(cause, bookingId, booking, "ABC123"))).isSameAs(reservation);

        assertThat(reservation.status).isEqualTo(Reservation.Status.CANCELLING);
        assertThat(reservation.recordLocator).isEqualTo("ABC123");
        assertThat(reservation.updatedAt).isEqualTo(NOW);
        assertWritten(reservation);
        assertThat(appendedOn(outbox, database.connection).data())
                .isEqualTo(new BookingFulfilled(bookingId, booking, "ABC123"));
    }

    @Test
    void aSeatRefusedAfterTheCancellationFailsWithNothingToRelease() {
        Reservation reservation = locked(Reservation.Status.RESERVING);
        reservation.cancelRequested = true;

        await(service.failed(cause, bookingId, booking, "no seats left"));

        assertThat(reservation.status).isEqualTo(Reservation.Status.FAILED);
        assertWritten(reservation);
        assertThat(appendedOn(outbox, database.connection).data())
                .isEqualTo(new FulfilmentFailed(bookingId, booking, "no seats left"));
    }

    @Test
    void aCancellationAfterTheReleaseChangesNothing() {
        Reservation reservation = createdOrFound(Reservation.Status.CANCELLED);
        reservation.recordLocator = "ABC123";

        assertThat(await(service.cancel(bookingId))).isNull();

        assertUnchanged(reservation, Reservation.Status.CANCELLED);
    }

    @Test
    void aReleasedSeatWhileCancellingIsRecordedAndAnnouncedWithItsLocator() {
        Reservation reservation = locked(Reservation.Status.CANCELLING);
        reservation.recordLocator = "ABC123";

        await(service.cancelled(cause, bookingId, booking));

        assertThat(reservation.status).isEqualTo(Reservation.Status.CANCELLED);
        assertThat(reservation.updatedAt).isEqualTo(NOW);
        assertWritten(reservation);
        EventEnvelope appended = appendedOn(outbox, database.connection);
        assertThat(appended.data()).isEqualTo(new ReservationCancelled(bookingId, booking, "ABC123"));
        assertThat(appended.source()).isEqualTo(FulfilmentService.EVENT_SOURCE);
        assertThat(appended.correlationId()).isEqualTo(cause.correlationId());
    }

    @ParameterizedTest
    @EnumSource(value = Reservation.Status.class, names = "CANCELLING", mode = EnumSource.Mode.EXCLUDE)
    void aReleaseOutsideCancellingChangesNothing(Reservation.Status status) {
        Reservation reservation = locked(status);

        await(service.cancelled(cause, bookingId, booking));

        assertUnchanged(reservation, status);
    }

    private Reservation locked(Reservation.Status status) {
        Reservation reservation = reservation(status);
        when(repository.lock(database.connection, bookingId)).thenReturn(Uni.createFrom().item(reservation));
        return reservation;
    }

    /** What a cancellation finds: the reservation as it is, or a new one in CANCELLED when there was none. */
    private Reservation createdOrFound(Reservation.Status status) {
        Reservation reservation = reservation(status);
        when(repository.lockOrCreate(database.connection, bookingId, Reservation.Status.CANCELLED, NOW))
                .thenReturn(Uni.createFrom().item(reservation));
        return reservation;
    }

    private Reservation reservation(Reservation.Status status) {
        Reservation reservation = new Reservation();
        reservation.bookingId = bookingId;
        reservation.status = status;
        reservation.createdAt = EARLIER;
        reservation.updatedAt = EARLIER;
        return reservation;
    }

    private void assertUnchanged(Reservation reservation, Reservation.Status status) {
        assertThat(reservation.status).isEqualTo(status);
        assertThat(reservation.updatedAt).isEqualTo(EARLIER);
        verify(repository, never()).update(any(), any());
        assertNothingAppended(outbox);
    }

    private void assertWritten(Reservation reservation) {
        verify(repository).update(database.connection, reservation);
    }
}
