package com.flightbooking.workers.fulfilment;

import static com.flightbooking.events.testing.Unis.completes;
import static com.flightbooking.events.testing.Unis.done;
import static com.flightbooking.events.testing.Unis.item;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.net.ConnectException;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.flightbooking.events.BookingDetails;
import com.flightbooking.events.BookingStatusChanged;
import com.flightbooking.events.EventEnvelope;
import com.flightbooking.events.testing.SampleEvents;
import com.flightbooking.kit.consumer.PermanentFailure;
import com.flightbooking.workers.partner.IdempotencyKeys;
import com.flightbooking.workers.partner.PartnerRejection;
import com.flightbooking.workers.partner.RateBudgets;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;

/**
 * Which fulfiller calls the fulfilment role makes for each event, and how their answers drive the state machine: a
 * refusal fails the booking at once, other failures are retried until {@code max-attempts}.
 */
class FulfilmentPartnerCallsTest {

    private static final int MAX_ATTEMPTS = 3;

    private final FulfilmentService fulfilment = mock(FulfilmentService.class);
    private final TravelFulfillerClient fulfiller = mock(TravelFulfillerClient.class);
    private final FulfilmentConsumer consumer = new FulfilmentConsumer(fulfilment, fulfiller,
            FulfilmentAttempts.of(MAX_ATTEMPTS), RateBudgets.unlimited());

    private final UUID bookingId = UUID.randomUUID();
    private final BookingDetails booking = SampleEvents.details();
    private final EventEnvelope charged = SampleEvents.paymentChargedEvent(bookingId, booking);

    @Test
    void aPaidBookingsSeatIsBookedWithTheBookingsKeyAndTheLocatorIsRecorded() {
        attempt(1);
        when(fulfiller.reserve(anyString(), any()))
                .thenReturn(item(new TravelFulfillerClient.ReservationResponse("ABC123", "CONFIRMED")));
        when(fulfilment.reserved(charged, bookingId, booking, "ABC123")).thenReturn(Uni.createFrom().nullItem());

        completes(consumer.consume(charged));

        var flight = booking.flight();
        verify(fulfiller).reserve(IdempotencyKeys.reservation(bookingId), new TravelFulfillerClient.ReservationRequest(
                bookingId.toString(), new TravelFulfillerClient.Flight(flight.number(), flight.origin(),
                        flight.destination(), flight.departureTime()),
                new TravelFulfillerClient.Passenger(booking.passenger().name())));
        verify(fulfilment).reserved(charged, bookingId, booking, "ABC123");
    }

    @ParameterizedTest
    @EnumSource(value = Reservation.Status.class, names = { "RESERVING", "CANCELLING" }, mode = EnumSource.Mode.EXCLUDE)
    void aSeatPastReservingIsNotBookedAgain(Reservation.Status status) {
        Reservation reservation = reservation(status, 1);
        when(fulfilment.startAttempt(bookingId)).thenReturn(item(reservation));

        completes(consumer.consume(charged));

        verifyNoInteractions(fulfiller);
    }

    @Test
    void aRefusalFailsTheBookingAtTheFirstAttempt() {
        attempt(1);
        when(fulfiller.reserve(anyString(), any()))
                .thenReturn(Uni.createFrom().failure(new PartnerRejection("no_seats", "no seats left")));
        when(fulfilment.failed(charged, bookingId, booking, "travel fulfiller refused: no seats left"))
                .thenReturn(done());

        completes(consumer.consume(charged));

        verify(fulfilment).failed(charged, bookingId, booking, "travel fulfiller refused: no seats left");
    }

    @ParameterizedTest
    @ValueSource(ints = { 1, MAX_ATTEMPTS - 1 })
    void aFailureBeforeTheLastAttemptFailsTheDeliverySoThatItIsRetried(int attempts) {
        attempt(attempts);
        when(fulfiller.reserve(anyString(), any())).thenReturn(Uni.createFrom().failure(new ConnectException()));

        consumer.consume(charged).subscribe().withSubscriber(UniAssertSubscriber.create())
                .assertFailedWith(ConnectException.class);

        verify(fulfilment, never()).failed(any(), any(), any(), any());
    }

    @ParameterizedTest
    @ValueSource(ints = { MAX_ATTEMPTS, MAX_ATTEMPTS + 1 })
    void aFailureOnTheLastAttemptFailsTheBookingWithTheCountAndTheLastError(int attempts) {
        attempt(attempts);
        when(fulfiller.reserve(anyString(), any()))
                .thenReturn(Uni.createFrom().failure(new ConnectException("connection refused")));
        String reason = "travel fulfiller kept failing (" + attempts + " attempts), last: connection refused";
        when(fulfilment.failed(charged, bookingId, booking, reason)).thenReturn(done());

        completes(consumer.consume(charged));

        verify(fulfilment).failed(charged, bookingId, booking, reason);
    }

    @Test
    void aPermanentFailureOnTheLastAttemptIsLeftToTheDeadLetterQueue() {
        attempt(MAX_ATTEMPTS);
        when(fulfiller.reserve(anyString(), any()))
                .thenReturn(Uni.createFrom().failure(new PermanentFailure("malformed booking")));

        consumer.consume(charged).subscribe().withSubscriber(UniAssertSubscriber.create())
                .assertFailedWith(PermanentFailure.class, "malformed booking");

        verify(fulfilment, never()).failed(any(), any(), any(), any());
    }

    @Test
    void aSeatBookedAfterTheBookingWasCancelledIsReleasedAtOnce() {
        attempt(1);
        when(fulfiller.reserve(anyString(), any()))
                .thenReturn(item(new TravelFulfillerClient.ReservationResponse("ABC123", "CONFIRMED")));
        Reservation cancelling = reservation(Reservation.Status.CANCELLING, 1);
        cancelling.recordLocator = "ABC123";
        when(fulfilment.reserved(charged, bookingId, booking, "ABC123")).thenReturn(item(cancelling));
        when(fulfiller.cancel(anyString(), anyString())).thenReturn(done());
        when(fulfilment.cancelled(charged, bookingId, booking)).thenReturn(done());

        completes(consumer.consume(charged));

        verify(fulfiller).cancel(IdempotencyKeys.reservationCancellation(bookingId), "ABC123");
        verify(fulfilment).cancelled(charged, bookingId, booking);
    }

    @Test
    void aRedeliveredChargeResumesTheReleaseOfASeatBookedAfterTheCancellation() {
        Reservation cancelling = reservation(Reservation.Status.CANCELLING, 1);
        cancelling.recordLocator = "ABC123";
        when(fulfilment.startAttempt(bookingId)).thenReturn(item(cancelling));
        when(fulfiller.cancel(anyString(), anyString())).thenReturn(done());
        when(fulfilment.cancelled(charged, bookingId, booking)).thenReturn(done());

        completes(consumer.consume(charged));

        verify(fulfiller, never()).reserve(any(), any());
        verify(fulfiller).cancel(IdempotencyKeys.reservationCancellation(bookingId), "ABC123");
    }

    @Test
    void aCancelledBookingsSeatIsReleasedWithTheCancellationKeyAndTheReleaseRecorded() {
        EventEnvelope cancelled = cancelled();
        Reservation cancelling = reservation(Reservation.Status.CANCELLING, 1);
        cancelling.recordLocator = "ABC123";
        when(fulfilment.cancel(bookingId)).thenReturn(item(cancelling));
        when(fulfiller.cancel(anyString(), anyString())).thenReturn(done());
        when(fulfilment.cancelled(cancelled, bookingId, booking)).thenReturn(done());

        completes(consumer.consume(cancelled));

        verify(fulfiller).cancel(IdempotencyKeys.reservationCancellation(bookingId), "ABC123");
        verify(fulfilment).cancelled(cancelled, bookingId, booking);
    }

    @Test
    void anExpiredBookingsSeatIsReleasedLikeACancelledOnes() {
        EventEnvelope expired = SampleEvents.statusChangedEvent(bookingId, booking,
                BookingStatusChanged.Status.EXPIRED, null, "no outcome within 15m");
        Reservation cancelling = reservation(Reservation.Status.CANCELLING, 1);
        cancelling.recordLocator = "ABC123";
        when(fulfilment.cancel(bookingId)).thenReturn(item(cancelling));
        when(fulfiller.cancel(anyString(), anyString())).thenReturn(done());
        when(fulfilment.cancelled(expired, bookingId, booking)).thenReturn(done());

        completes(consumer.consume(expired));

        verify(fulfiller).cancel(IdempotencyKeys.reservationCancellation(bookingId), "ABC123");
        verify(fulfilment).cancelled(expired, bookingId, booking);
    }

    @Test
    void aCancelledBookingWithoutABookedSeatCallsNoOne() {
        when(fulfilment.cancel(bookingId)).thenReturn(Uni.createFrom().nullItem());

        completes(consumer.consume(cancelled()));

        verifyNoInteractions(fulfiller);
        verify(fulfilment, never()).cancelled(any(), any(), any());
    }

    @ParameterizedTest
    @EnumSource(value = BookingStatusChanged.Status.class, names = { "CANCELLED", "EXPIRED" }, mode = EnumSource.Mode.EXCLUDE)
    void noOtherStatusChangeConcernsTheSeat(BookingStatusChanged.Status status) {
        completes(consumer.consume(SampleEvents.statusChangedEvent(bookingId, booking, status, "ABC123", null)));

        verifyNoInteractions(fulfilment, fulfiller);
    }

    @Test
    void eventsOfOtherRolesAreIgnored() {
        completes(consumer.consume(SampleEvents.fulfilmentFailedEvent(bookingId, booking)));

        verifyNoInteractions(fulfilment, fulfiller);
    }

    private void attempt(int attempts) {
        when(fulfilment.startAttempt(bookingId)).thenReturn(item(reservation(Reservation.Status.RESERVING, attempts)));
    }

    private EventEnvelope cancelled() {
        return SampleEvents.statusChangedEvent(bookingId, booking, BookingStatusChanged.Status.CANCELLED, null, null);
    }

    private Reservation reservation(Reservation.Status status, int attempts) {
        Reservation reservation = new Reservation();
        reservation.bookingId = bookingId;
        reservation.status = status;
        reservation.attempts = attempts;
        return reservation;
    }
}
