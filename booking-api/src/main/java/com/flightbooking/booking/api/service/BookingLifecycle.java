package com.flightbooking.booking.api.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.flightbooking.booking.api.Booking;
import com.flightbooking.booking.api.BookingStatus;
import com.flightbooking.booking.api.repository.BookingRepository;
import com.flightbooking.booking.api.repository.BookingRows;
import com.flightbooking.events.AirlineInfoUpdated;
import com.flightbooking.events.BookingDetails;
import com.flightbooking.events.BookingFulfilled;
import com.flightbooking.events.BookingStatusChanged;
import com.flightbooking.events.EventEnvelope;
import com.flightbooking.events.Flight;
import com.flightbooking.events.Money;
import com.flightbooking.events.Passenger;
import com.flightbooking.events.PaymentDeclined;
import com.flightbooking.events.PaymentRefunded;
import com.flightbooking.kit.consumer.PermanentFailure;
import com.flightbooking.kit.outbox.Outbox;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Moves bookings through their statuses ({@link BookingStatus}). The booking row is locked for each change, a change
 * happens only from PENDING (or to CANCELLED), and each change appends {@code BookingStatusChanged} to the outbox in
 * the same transaction. Outcome events that arrive late or twice find the booking already final and change nothing:
 * a cancelled booking is never confirmed afterwards. What the airline adds to a confirmed booking is kept on it and
 * never changes its status.
 * <p>
 * The outcome events, one or two per booking, are applied with plain statements on the reactive pool
 * ({@link BookingRows}): a Hibernate Reactive session, its persistence context and its flush cost more CPU than the
 * lock, the update and the outbox row; an outcome that ends a PENDING booking is one statement
 * ({@link Outbox#appendIfWritten}), whose update's conditions stand for the lock. Cancellation and the saga deadline,
 * rarer, stay with Panache; both lock the row, so the two paths never change a booking at the same time.
 */
@ApplicationScoped
public class BookingLifecycle {

    private final Pool pool;
    private final BookingRepository bookings;
    private final BookingRows rows;
    private final Outbox outbox;
    private final Clock clock;
    private final BookingMetrics metrics;

    BookingLifecycle(Pool pool, BookingRepository bookings, BookingRows rows, Outbox outbox, Clock clock,
            BookingMetrics metrics) {
        this.pool = pool;
        this.bookings = bookings;
        this.rows = rows;
        this.outbox = outbox;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Applies a worker's outcome event; other events and late outcomes change nothing. */
    public Uni<Void> apply(EventEnvelope event) {
        if (event.data() instanceof BookingFulfilled fulfilled) {
            return conclude(event, fulfilled.booking(), BookingStatus.CONFIRMED, fulfilled.recordLocator(), null);
        }
        if (event.data() instanceof PaymentDeclined declined) {
            return conclude(event, declined.booking(), BookingStatus.PAYMENT_DECLINED, null, declined.reason());
        }
        if (event.data() instanceof PaymentRefunded refunded
                && refunded.reason() == PaymentRefunded.Reason.FULFILMENT_FAILED) {
            return conclude(event, refunded.booking(), BookingStatus.FAILED_REFUNDED, null, refunded.detail());
        }
        if (event.data() instanceof AirlineInfoUpdated info) {
            return rows.inTransaction(connection -> recordAirlineInfo(connection, event, info));
        }
        return Uni.createFrom().voidItem();
    }

    /**
     * Cancels a booking: null when there is no such booking; the booking (CANCELLED) otherwise, also when it already
     * was; fails with {@link BookingNotCancellableException} when it ended otherwise.
     */
    @WithTransaction
    public Uni<Booking> cancel(UUID id, String correlationId) {
        return bookings.lock(id).chain(booking -> {
            if (booking == null || booking.status == BookingStatus.CANCELLED) {
                return Uni.createFrom().item(booking);
            }
            if (!booking.status.isCancellable()) {
                return Uni.createFrom().failure(new BookingNotCancellableException(id, booking.status));
            }
            EventEnvelope changed = EventEnvelope.of(moveTo(booking, BookingStatus.CANCELLED), BookingService.EVENT_SOURCE,
                    booking.updatedAt, correlationId, null);
            Log.infof("Booking %s cancelled", id);
            return outbox.append(changed).replaceWith(booking);
        });
    }

    /**
     * The saga's deadline: ends at most {@code limit} PENDING bookings created at or before {@code createdBefore} as
     * EXPIRED with {@code reason}, each announced with {@code BookingStatusChanged} in this transaction, which the
     * workers compensate like a cancellation. Bookings another transaction holds are left for the next call. Returns
     * the ids it expired.
     */
    @WithTransaction
    public Uni<List<UUID>> expireOverdue(Instant createdBefore, int limit, String reason) {
        return bookings.lockOverdue(createdBefore, limit).chain(overdue -> Multi.createFrom().iterable(overdue)
                .onItem().transformToUniAndConcatenate(booking -> expire(booking, reason))
                .collect().asList());
    }

    private Uni<UUID> expire(Booking booking, String reason) {
        booking.statusReason = reason;
        BookingStatusChanged changed = moveTo(booking, BookingStatus.EXPIRED);
        Log.infof("Booking %s expired: no outcome by its deadline", booking.id);
        // Its own story: the request's correlation id is not kept, and this one is easy to search for.
        EventEnvelope expired = EventEnvelope.of(changed, BookingService.EVENT_SOURCE, booking.updatedAt,
                "saga-deadline-" + booking.id, null);
        return outbox.append(expired)
                .invoke(() -> metrics.concluded(BookingStatus.EXPIRED,
                        Duration.between(booking.createdAt, booking.updatedAt)))
                .replaceWith(booking.id);
    }

    /**
     * Ends a PENDING booking. The usual case is one statement, which announces the details the saga carried when they
     * are the booking's own. An outcome the statement did not apply (late or repeated, for no booking, or with other
     * details) takes the lock to find out why, and announces the booking's details.
     */
    private Uni<Void> conclude(EventEnvelope cause, BookingDetails details, BookingStatus status,
            String recordLocator, String reason) {
        UUID id = UUID.fromString(cause.subject());
        Instant concludedAt = clock.instant();
        EventEnvelope changed = cause.followUp(new BookingStatusChanged(id, details,
                BookingStatusChanged.Status.valueOf(status.name()), recordLocator, reason),
                BookingService.EVENT_SOURCE, concludedAt);
        return outbox.appendIfWritten(pool, rows.conclude(id, details, status, recordLocator, reason, concludedAt),
                List.of(changed), BookingRows::createdAt).chain(createdAt -> {
                    if (createdAt == null) {
                        return rows.inTransaction(
                                connection -> concludeUnderLock(connection, cause, status, recordLocator, reason));
                    }
                    Log.infof("Booking %s is %s", id, status);
                    metrics.concluded(status, Duration.between(createdAt, concludedAt));
                    return Uni.createFrom().voidItem();
                });
    }

    private Uni<Void> concludeUnderLock(SqlConnection connection, EventEnvelope cause, BookingStatus status,
            String recordLocator, String reason) {
        UUID id = UUID.fromString(cause.subject());
        return rows.lock(connection, id).chain(booking -> {
            if (booking == null) {
                throw new PermanentFailure("no booking " + id + " for " + cause.type().ceType());
            }
            if (booking.status.isFinal()) {
                Log.infof("Booking %s is %s already: %s %s changes nothing", id, booking.status,
                        cause.type().ceType(), cause.id());
                return Uni.createFrom().voidItem();
            }
            booking.recordLocator = recordLocator;
            booking.statusReason = reason;
            BookingStatusChanged changed = moveTo(booking, status);
            Log.infof("Booking %s is %s", id, status);
            return rows.updateStatus(connection, booking)
                    .call(() -> outbox.append(connection,
                            List.of(cause.followUp(changed, BookingService.EVENT_SOURCE, booking.updatedAt))))
                    .invoke(() -> metrics.concluded(status, Duration.between(booking.createdAt, booking.updatedAt)));
        });
    }

    /**
     * Keeps what the airline says on a confirmed booking; the latest word wins, so a repeat changes nothing. A booking
     * cancelled meanwhile keeps none of it. updatedAt stays the time of the last status change.
     */
    private Uni<Void> recordAirlineInfo(SqlConnection connection, EventEnvelope cause, AirlineInfoUpdated info) {
        return rows.lock(connection, info.bookingId()).chain(booking -> {
            if (booking == null) {
                throw new PermanentFailure("no booking " + info.bookingId() + " for " + cause.type().ceType());
            }
            if (booking.status != BookingStatus.CONFIRMED) {
                Log.infof("Booking %s is %s: airline info %s ignored", booking.id, booking.status, cause.id());
                return Uni.createFrom().voidItem();
            }
            Log.infof("Booking %s: the airline says cabin %s%s%s", booking.id, info.cabin(),
                    info.loungePass() ? ", lounge pass" : "",
                    info.lastTicketingDate() == null ? "" : ", ticket by " + info.lastTicketingDate());
            if (Objects.equals(booking.cabin, info.cabin()) && booking.loungePass == info.loungePass()
                    && Objects.equals(booking.lastTicketingDate, info.lastTicketingDate())) {
                return Uni.createFrom().voidItem();
            }
            booking.cabin = info.cabin();
            booking.loungePass = info.loungePass();
            booking.lastTicketingDate = info.lastTicketingDate();
            return rows.updateAirlineInfo(connection, booking);
        });
    }

    private BookingStatusChanged moveTo(Booking booking, BookingStatus status) {
        booking.status = status;
        booking.updatedAt = clock.instant();
        return new BookingStatusChanged(booking.id, detailsOf(booking), BookingStatusChanged.Status.valueOf(status.name()),
                booking.recordLocator, booking.statusReason);
    }

    static BookingDetails detailsOf(Booking booking) {
        return new BookingDetails(new Passenger(booking.passengerName, booking.passengerEmail),
                new Flight(booking.flightNumber, booking.origin, booking.destination, booking.departureTime),
                new Money(booking.fareAmount, booking.fareCurrency), booking.corporateAccountId);
    }
}
