package com.flightbooking.booking.api.service;

import static com.flightbooking.events.testing.Unis.appendedTo;
import static com.flightbooking.events.testing.Unis.completes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mockito.ArgumentCaptor;

import com.flightbooking.booking.api.Booking;
import com.flightbooking.booking.api.BookingStatus;
import com.flightbooking.booking.api.repository.BookingRepository;
import com.flightbooking.booking.api.repository.BookingRows;
import com.flightbooking.events.AirlineInfoUpdated;
import com.flightbooking.events.BookingDetails;
import com.flightbooking.events.BookingStatusChanged;
import com.flightbooking.events.EventEnvelope;
import com.flightbooking.events.PaymentDeclined;
import com.flightbooking.events.PaymentRefunded;
import com.flightbooking.events.testing.SampleEvents;
import com.flightbooking.kit.consumer.PermanentFailure;
import com.flightbooking.kit.outbox.Outbox;
import com.flightbooking.kit.outbox.Outbox.ConditionalWrite;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The booking lifecycle: which outcome moves a booking to which status, which moves it refuses, and the
 * {@code BookingStatusChanged} each move announces, and what it writes. The repository, the rows and the outbox are
 * mocked; an outcome is first one conditional statement (its conditions are met against PostgreSQL in
 * BookingOutcomeConsumerTest), and what that did not apply takes the lock, as most tests here do.
 */
class BookingLifecycleTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final Instant EARLIER = NOW.minusSeconds(60);

    private final UUID bookingId = UUID.randomUUID();
    private final BookingRepository repository = mock(BookingRepository.class);
    private final BookingRows rows = mock(BookingRows.class);
    private final SqlConnection connection = mock(SqlConnection.class);
    private final Outbox outbox = mock(Outbox.class);
    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final Pool pool = mock(Pool.class);
    private final BookingLifecycle lifecycle = new BookingLifecycle(pool, repository, rows, outbox,
            Clock.fixed(NOW, ZoneOffset.UTC), new BookingMetrics(registry));
    private final Booking booking = booking(BookingStatus.PENDING);
    private final BookingDetails details = BookingLifecycle.detailsOf(booking);

    @BeforeEach
    void runsWorkInOneTransaction() {
        when(rows.inTransaction(any())).thenAnswer(
                call -> call.<Function<SqlConnection, Uni<?>>> getArgument(0).apply(connection));
        // The one-statement conclusion writes nothing unless a test says so: the outcome takes the lock.
        when(outbox.appendIfWritten(any(), any(), anyList(), any())).thenReturn(Uni.createFrom().nullItem());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aFulfilledPendingBookingIsConfirmedInOneStatementAnnouncedWithItsDetails() {
        EventEnvelope fulfilled = SampleEvents.bookingFulfilledEvent(bookingId, details, "ABC123");
        ConditionalWrite conclude = new ConditionalWrite("the conclusion", Tuple.tuple());
        when(rows.conclude(bookingId, details, BookingStatus.CONFIRMED, "ABC123", null, NOW)).thenReturn(conclude);
        when(outbox.appendIfWritten(eq(pool), eq(conclude), anyList(), any()))
                .thenReturn(Uni.createFrom().item(EARLIER));

        completes(lifecycle.apply(fulfilled));

        ArgumentCaptor<List<EventEnvelope>> events = ArgumentCaptor.forClass(List.class);
        verify(outbox).appendIfWritten(eq(pool), eq(conclude), events.capture(), any());
        EventEnvelope announced = events.getValue().get(0);
        assertThat(announced.data()).isEqualTo(new BookingStatusChanged(bookingId, details,
                BookingStatusChanged.Status.CONFIRMED, "ABC123", null));
        assertThat(announced.source()).isEqualTo(BookingService.EVENT_SOURCE);
        assertThat(announced.time()).isEqualTo(NOW);
        assertThat(announced.correlationId()).isEqualTo(fulfilled.correlationId());
        verifyNoInteractions(repository);
        verify(rows, never()).inTransaction(any());
        Timer endToEnd = registry.get(BookingMetrics.CONCLUSION).tag("status", "CONFIRMED").timer();
        assertThat(endToEnd.count()).isOne();
        assertThat(endToEnd.totalTime(TimeUnit.SECONDS)).isEqualTo(60);
    }

    @Test
    void aFulfilledPendingBookingTheStatementDidNotEndIsConfirmedUnderTheLock() {
        EventEnvelope fulfilled = SampleEvents.bookingFulfilledEvent(bookingId, details, "ABC123");
        appends();

        completes(lifecycle.apply(fulfilled));

        assertThat(booking.status).isEqualTo(BookingStatus.CONFIRMED);
        assertThat(booking.recordLocator).isEqualTo("ABC123");
        assertThat(booking.statusReason).isNull();
        assertThat(booking.updatedAt).isEqualTo(NOW);
        verify(rows).updateStatus(connection, booking);
        EventEnvelope announced = announcedInTransaction();
        assertThat(announced.data()).isEqualTo(new BookingStatusChanged(bookingId, details,
                BookingStatusChanged.Status.CONFIRMED, "ABC123", null));
        assertThat(announced.source()).isEqualTo(BookingService.EVENT_SOURCE);
        assertThat(announced.time()).isEqualTo(NOW);
        assertThat(announced.correlationId()).isEqualTo(fulfilled.correlationId());
        Timer endToEnd = registry.get(BookingMetrics.CONCLUSION).tag("status", "CONFIRMED").timer();
        assertThat(endToEnd.count()).isOne();
        assertThat(endToEnd.totalTime(TimeUnit.SECONDS)).isEqualTo(60);
    }

    @Test
    void aDeclinedPaymentEndsAPendingBookingWithTheDeclineReason() {
        appends();

        completes(lifecycle.apply(SampleEvents.event(new PaymentDeclined(bookingId, details, "card declined"))));

        assertThat(booking.status).isEqualTo(BookingStatus.PAYMENT_DECLINED);
        assertThat(booking.statusReason).isEqualTo("card declined");
        assertThat(booking.recordLocator).isNull();
        assertThat(announcedInTransaction().data()).isEqualTo(new BookingStatusChanged(bookingId, details,
                BookingStatusChanged.Status.PAYMENT_DECLINED, null, "card declined"));
        assertThat(concluded("PAYMENT_DECLINED")).isOne();
        assertThat(concluded("CONFIRMED")).isZero();
    }

    @Test
    void aRefundAfterAFailedFulfilmentEndsAPendingBookingAsFailedRefunded() {
        appends();

        completes(lifecycle.apply(SampleEvents.paymentRefundedEvent(bookingId, details,
                PaymentRefunded.Reason.FULFILMENT_FAILED)));

        assertThat(booking.status).isEqualTo(BookingStatus.FAILED_REFUNDED);
        assertThat(booking.statusReason).isEqualTo("no seats left");
        assertThat(announcedInTransaction().data()).isEqualTo(new BookingStatusChanged(bookingId, details,
                BookingStatusChanged.Status.FAILED_REFUNDED, null, "no seats left"));
    }

    @Test
    void aRefundForACancellationChangesNoStatus() {
        completes(lifecycle.apply(SampleEvents.paymentRefundedEvent(bookingId, details,
                PaymentRefunded.Reason.BOOKING_CANCELLED)));

        verifyNoInteractions(repository, rows, outbox);
        assertThat(concluded("FAILED_REFUNDED")).isZero();
    }

    @Test
    void eventsThatAreNoOutcomeChangeNothing() {
        completes(lifecycle.apply(SampleEvents.paymentChargedEvent(bookingId, details)));

        verifyNoInteractions(repository, rows, outbox);
    }

    @ParameterizedTest
    @EnumSource(value = BookingStatus.class, names = "PENDING", mode = EnumSource.Mode.EXCLUDE)
    void aLateOrRepeatedOutcomeNeverMovesABookingOutOfAFinalStatus(BookingStatus status) {
        booking.status = status;
        locked();

        completes(lifecycle.apply(SampleEvents.bookingFulfilledEvent(bookingId, details, "LATE01")));
        completes(lifecycle.apply(SampleEvents.event(new PaymentDeclined(bookingId, details, "late"))));
        completes(lifecycle.apply(SampleEvents.paymentRefundedEvent(bookingId, details,
                PaymentRefunded.Reason.FULFILMENT_FAILED)));

        assertThat(booking.status).isEqualTo(status);
        assertThat(booking.recordLocator).isNull();
        assertThat(booking.statusReason).isNull();
        assertThat(booking.updatedAt).isEqualTo(EARLIER);
        verify(rows, never()).updateStatus(any(), any());
        verify(outbox, never()).append(any(), anyList());
        assertThat(registry.get(BookingMetrics.CONCLUDED).counters()).allSatisfy(c -> assertThat(c.count()).isZero());
    }

    @Test
    void anOutcomeForAnUnknownBookingIsAPermanentFailure() {
        when(rows.lock(connection, bookingId)).thenReturn(Uni.createFrom().nullItem());

        lifecycle.apply(SampleEvents.bookingFulfilledEvent(bookingId, details, "ABC123")).subscribe()
                .withSubscriber(UniAssertSubscriber.create())
                .assertFailedWith(PermanentFailure.class, "no booking " + bookingId);
    }

    @ParameterizedTest
    @EnumSource(value = BookingStatus.class, names = { "PENDING", "CONFIRMED" })
    void aPendingOrConfirmedBookingIsCancelledAndTheCancellationAnnounced(BookingStatus status) {
        booking.status = status;
        booking.recordLocator = status == BookingStatus.CONFIRMED ? "ABC123" : null;
        appends();

        assertThat(cancel()).isSameAs(booking);

        assertThat(booking.status).isEqualTo(BookingStatus.CANCELLED);
        assertThat(booking.updatedAt).isEqualTo(NOW);
        EventEnvelope announced = appendedTo(outbox);
        assertThat(announced.data()).isEqualTo(new BookingStatusChanged(bookingId, details,
                BookingStatusChanged.Status.CANCELLED, booking.recordLocator, null));
        assertThat(announced.correlationId()).isEqualTo("corr-1");
        assertThat(announced.source()).isEqualTo(BookingService.EVENT_SOURCE);
        assertThat(announced.traceparent()).isNull();
    }

    @Test
    void cancellingACancelledBookingAgainAnswersItAndAnnouncesNothing() {
        booking.status = BookingStatus.CANCELLED;
        locked();

        assertThat(cancel()).isSameAs(booking);

        assertThat(booking.updatedAt).isEqualTo(EARLIER);
        verify(outbox, never()).append(any());
    }

    @ParameterizedTest
    @EnumSource(value = BookingStatus.class, names = { "PAYMENT_DECLINED", "FAILED_REFUNDED", "EXPIRED" })
    void aBookingThatEndedOtherwiseCannotBeCancelled(BookingStatus status) {
        booking.status = status;
        locked();

        lifecycle.cancel(bookingId, "corr-1").subscribe().withSubscriber(UniAssertSubscriber.create())
                .assertFailedWith(BookingNotCancellableException.class);

        assertThat(booking.status).isEqualTo(status);
        verify(outbox, never()).append(any());
    }

    @Test
    void cancellingAnUnknownBookingAnswersNothing() {
        when(repository.lock(bookingId)).thenReturn(Uni.createFrom().nullItem());

        assertThat(cancel()).isNull();
        verifyNoInteractions(outbox);
    }

    @Test
    void theAirlinesWordIsKeptOnAConfirmedBookingWithoutChangingItsStatusOrTime() {
        booking.status = BookingStatus.CONFIRMED;
        locked();

        completes(lifecycle.apply(SampleEvents.event(airlineInfo(true, LocalDate.parse("2027-02-01")))));

        assertThat(booking.status).isEqualTo(BookingStatus.CONFIRMED);
        assertThat(booking.cabin).isEqualTo("BUSINESS");
        assertThat(booking.loungePass).isTrue();
        assertThat(booking.lastTicketingDate).isEqualTo(LocalDate.parse("2027-02-01"));
        assertThat(booking.updatedAt).isEqualTo(EARLIER);
        verify(rows).updateAirlineInfo(connection, booking);
        verify(rows, never()).updateStatus(any(), any());
        verify(outbox, never()).append(any(), anyList());
    }

    @Test
    void theAirlinesSameWordAgainWritesNothing() {
        booking.status = BookingStatus.CONFIRMED;
        booking.cabin = "BUSINESS";
        booking.loungePass = true;
        locked();

        completes(lifecycle.apply(SampleEvents.event(airlineInfo(true, null))));

        verify(rows, never()).updateAirlineInfo(any(), any());
    }

    @ParameterizedTest
    @EnumSource(value = BookingStatus.class, names = "CONFIRMED", mode = EnumSource.Mode.EXCLUDE)
    void theAirlinesWordIsIgnoredUnlessTheBookingIsConfirmed(BookingStatus status) {
        booking.status = status;
        locked();

        completes(lifecycle.apply(SampleEvents.event(airlineInfo(false, null))));

        assertThat(booking.cabin).isNull();
        assertThat(booking.status).isEqualTo(status);
        verify(rows, never()).updateAirlineInfo(any(), any());
    }

    @Test
    void theAirlinesWordOnAnUnknownBookingIsAPermanentFailure() {
        when(rows.lock(connection, bookingId)).thenReturn(Uni.createFrom().nullItem());

        lifecycle.apply(SampleEvents.event(airlineInfo(false, null))).subscribe()
                .withSubscriber(UniAssertSubscriber.create())
                .assertFailedWith(PermanentFailure.class, "no booking " + bookingId);
    }

    @Test
    void anOverdueBookingExpiresWithTheReasonAndTheExpiryIsAnnouncedInItsOwnStory() {
        Instant createdBefore = NOW.minusSeconds(30);
        when(repository.lockOverdue(createdBefore, 10)).thenReturn(Uni.createFrom().item(List.of(booking)));
        when(outbox.append(any())).thenReturn(Uni.createFrom().voidItem());

        List<UUID> expired = lifecycle.expireOverdue(createdBefore, 10, "no outcome within 30 seconds").subscribe()
                .withSubscriber(UniAssertSubscriber.<List<UUID>> create()).assertCompleted().getItem();

        assertThat(expired).containsExactly(bookingId);
        assertThat(booking.status).isEqualTo(BookingStatus.EXPIRED);
        assertThat(booking.statusReason).isEqualTo("no outcome within 30 seconds");
        assertThat(booking.updatedAt).isEqualTo(NOW);
        EventEnvelope announced = appendedTo(outbox);
        assertThat(announced.data()).isEqualTo(new BookingStatusChanged(bookingId, details,
                BookingStatusChanged.Status.EXPIRED, null, "no outcome within 30 seconds"));
        assertThat(announced.source()).isEqualTo(BookingService.EVENT_SOURCE);
        assertThat(announced.correlationId()).isEqualTo("saga-deadline-" + bookingId);
        assertThat(concluded("EXPIRED")).isOne();
    }

    @Test
    void withNothingOverdueNothingExpires() {
        when(repository.lockOverdue(any(), anyInt()))
                .thenReturn(Uni.createFrom().item(List.of()));

        assertThat(lifecycle.expireOverdue(NOW, 10, "late").subscribe()
                .withSubscriber(UniAssertSubscriber.<List<UUID>> create()).assertCompleted().getItem()).isEmpty();
        verify(outbox, never()).append(any());
        assertThat(concluded("EXPIRED")).isZero();
    }

    @Test
    void onlyPendingAndConfirmedBookingsAreCancellableAndOnlyPendingIsNotFinal() {
        assertThat(BookingStatus.values()).filteredOn(BookingStatus::isCancellable)
                .containsExactlyInAnyOrder(BookingStatus.PENDING, BookingStatus.CONFIRMED);
        assertThat(BookingStatus.values()).filteredOn(status -> !status.isFinal())
                .containsExactly(BookingStatus.PENDING);
    }

    @Test
    void theAnnouncedDetailsAreTheBookingsOwn() {
        BookingDetails announced = BookingLifecycle.detailsOf(booking);

        assertThat(announced.passenger().name()).isEqualTo("Grace Hopper");
        assertThat(announced.passenger().email()).isEqualTo("grace@example.com");
        assertThat(announced.flight().number()).isEqualTo("BA117");
        assertThat(announced.flight().origin()).isEqualTo("LHR");
        assertThat(announced.flight().destination()).isEqualTo("JFK");
        assertThat(announced.flight().departureTime()).isEqualTo(Instant.parse("2027-03-01T09:00:00Z"));
        assertThat(announced.fare().amount()).isEqualByComparingTo("499.90");
        assertThat(announced.fare().currency()).isEqualTo("EUR");
        assertThat(announced.corporateAccountId()).isEqualTo("ACME-001");
    }

    private AirlineInfoUpdated airlineInfo(boolean loungePass, LocalDate lastTicketingDate) {
        return new AirlineInfoUpdated(bookingId, details, "ABC123", "BUSINESS", true, loungePass, lastTicketingDate);
    }

    private Booking cancel() {
        return lifecycle.cancel(bookingId, "corr-1").subscribe().withSubscriber(UniAssertSubscriber.<Booking> create())
                .assertCompleted().getItem();
    }

    /** The booking as both paths lock it: Panache's (cancellation) and the pool's (outcome events). */
    private void locked() {
        when(repository.lock(bookingId)).thenReturn(Uni.createFrom().item(booking));
        when(rows.lock(connection, bookingId)).thenReturn(Uni.createFrom().item(booking));
        when(rows.updateStatus(connection, booking)).thenReturn(Uni.createFrom().voidItem());
        when(rows.updateAirlineInfo(connection, booking)).thenReturn(Uni.createFrom().voidItem());
    }

    private void appends() {
        locked();
        when(outbox.append(any())).thenReturn(Uni.createFrom().voidItem());
        when(outbox.append(any(), anyList())).thenReturn(Uni.createFrom().voidItem());
    }

    /** The one event appended on the transaction's connection. */
    @SuppressWarnings("unchecked")
    private EventEnvelope announcedInTransaction() {
        ArgumentCaptor<List<EventEnvelope>> events = ArgumentCaptor.forClass(List.class);
        verify(outbox).append(eq(connection), events.capture());
        assertThat(events.getValue()).hasSize(1);
        return events.getValue().get(0);
    }

    private double concluded(String status) {
        return registry.get(BookingMetrics.CONCLUDED).tag("status", status).counter().count();
    }

    private Booking booking(BookingStatus status) {
        Booking booking = new Booking();
        booking.id = bookingId;
        booking.status = status;
        booking.passengerName = "Grace Hopper";
        booking.passengerEmail = "grace@example.com";
        booking.flightNumber = "BA117";
        booking.origin = "LHR";
        booking.destination = "JFK";
        booking.departureTime = Instant.parse("2027-03-01T09:00:00Z");
        booking.fareAmount = new BigDecimal("499.90");
        booking.fareCurrency = "EUR";
        booking.corporateAccountId = "ACME-001";
        booking.createdAt = EARLIER;
        booking.updatedAt = EARLIER;
        return booking;
    }
}
