package com.flightbooking.workers.airline;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.flightbooking.events.AirlineInfoUpdated;
import com.flightbooking.events.BookingDetails;
import com.flightbooking.events.EventEnvelope;
import com.flightbooking.events.EventPayload;
import com.flightbooking.kit.consumer.PermanentFailure;
import com.flightbooking.kit.outbox.Outbox;
import com.flightbooking.workers.bookingapi.BookingApiClient;
import com.flightbooking.workers.partner.PartnerRateBudget;
import com.flightbooking.workers.partner.PartnerRateBudgets;
import com.flightbooking.workers.partner.PartnerRejection;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The airline check: asks the booking API for the booking as it is now (it is the authority on the status, and a
 * cancellation reaches this role as late as the confirmation did), and for a booking still confirmed asks the airline
 * what it holds. Both calls are reads, made outside any transaction; a failed call fails the check, and the kit
 * retries the event. What the airline said is then recorded in one short transaction that locks the booking's check
 * ({@link AirlineCheck}), and {@code AirlineInfoUpdated} is announced from the same transaction only when that differs
 * from what was known: from a plain economy booking the first time, from the last answer after that. A redelivered or
 * concurrent check of the same answer finds it recorded and announces nothing. The transaction is the Vert.x pool's
 * ({@link AirlineCheckRepository} says why), the outbox append on its connection.
 */
@ApplicationScoped
public class AirlineCheckService {

    static final String EVENT_SOURCE = "/workers/airline-check";

    private final BookingApiClient bookingApi;
    private final AirlineClient airline;
    private final AirlineCheckRepository checks;
    private final Pool pool;
    private final Outbox outbox;
    private final Clock clock;
    private final PartnerRateBudget budget;

    AirlineCheckService(@RestClient BookingApiClient bookingApi, @RestClient AirlineClient airline,
            AirlineCheckRepository checks, Pool pool, Outbox outbox, Clock clock, PartnerRateBudgets budgets) {
        this.bookingApi = bookingApi;
        this.airline = airline;
        this.checks = checks;
        this.pool = pool;
        this.outbox = outbox;
        this.clock = clock;
        this.budget = budgets.airline();
    }

    /** What was recorded, and whether it was news (announced). */
    public record Recorded(AirlineCheck check, boolean updated) {
    }

    /**
     * How a check went: the booking's status in the booking API (null when it does not know the booking) and, when
     * the booking was confirmed and so checked, what was recorded.
     */
    public record Outcome(UUID bookingId, String bookingStatus, Recorded recorded) {

        public boolean bookingKnown() {
            return bookingStatus != null;
        }
    }

    /**
     * The check a few minutes after a confirmation, once per booking: a redelivered confirmation, or one arriving
     * after a check by hand, asks no one again.
     */
    public Uni<Void> afterConfirmation(EventEnvelope confirmation, UUID bookingId) {
        return checks.find(bookingId).chain(checked -> {
            if (checked != null) {
                Log.infof("Booking %s was checked with the airline at %s already", bookingId, checked.checkedAt);
                return Uni.createFrom().voidItem();
            }
            return check(bookingId, next -> confirmation.followUp(next, EVENT_SOURCE, clock.instant()))
                    .invoke(outcome -> {
                        if (!outcome.bookingKnown()) {
                            // It announced the confirmation itself: it answers for another database, or the wrong URL.
                            throw new PermanentFailure("the booking API does not know booking " + bookingId);
                        }
                    })
                    .replaceWithVoid();
        });
    }

    /** A check now, by hand (ops, a local run): asks the airline again even when the booking was checked before. */
    public Uni<Outcome> now(UUID bookingId) {
        String correlationId = UUID.randomUUID().toString();
        return check(bookingId, next -> EventEnvelope.of(next, EVENT_SOURCE, clock.instant(), correlationId, null));
    }

    private Uni<Outcome> check(UUID bookingId, Function<EventPayload, EventEnvelope> envelope) {
        return bookingApi.booking(bookingId)
                .onFailure(PartnerRejection.class).recoverWithNull()
                .chain(booking -> {
                    if (booking == null) {
                        return Uni.createFrom().item(new Outcome(bookingId, null, null));
                    }
                    if (!booking.isConfirmed()) {
                        Log.infof("Booking %s is %s: no airline check", bookingId, booking.status());
                        return Uni.createFrom().item(new Outcome(bookingId, booking.status(), null));
                    }
                    if (booking.recordLocator() == null) {
                        throw new PermanentFailure("booking " + bookingId + " is CONFIRMED without a record locator");
                    }
                    return budget.permit()
                            .chain(() -> airline.booking(booking.recordLocator(), booking.flight().number()))
                            .map(AirlineInfo::of)
                            .onFailure(PartnerRejection.class).recoverWithUni(unknown -> {
                                Log.infof("The airline knows nothing of booking %s (%s)", bookingId,
                                        booking.recordLocator());
                                return Uni.createFrom().nullItem();
                            })
                            .chain(found -> record(bookingId, booking.details(), booking.recordLocator(), found,
                                    envelope))
                            .map(recorded -> new Outcome(bookingId, booking.status(), recorded));
                });
    }

    /**
     * One transaction, after the partner calls.
     *
     * @param found what the airline holds, or null when it does not know the booking (nothing is known then, and the
     *        check only notes that it looked)
     * @param envelope wraps the event to announce (a follow-up of the cause, or a new story for a check by hand)
     */
    private Uni<Recorded> record(UUID bookingId, BookingDetails booking, String recordLocator, AirlineInfo found,
            Function<EventPayload, EventEnvelope> envelope) {
        return pool.withTransaction(connection -> checks.lockOrCreate(connection, bookingId, recordLocator,
                clock.instant()).chain(check -> {
                    AirlineInfo known = AirlineInfo.of(check);
                    check.recordLocator = recordLocator;
                    check.checkedAt = clock.instant();
                    if (found == null || found.sameForCustomer(known)) {
                        Log.infof("Airline check of booking %s (%s): nothing new", bookingId, recordLocator);
                        if (found != null) {
                            check.cabin = found.cabin();
                        }
                        return checks.update(connection, check).replaceWith(new Recorded(check, false));
                    }
                    check.cabin = found.cabin();
                    check.loungePass = found.loungePass();
                    check.lastTicketingDate = found.lastTicketingDate();
                    Log.infof("Airline check of booking %s (%s): cabin %s%s%s", bookingId, recordLocator,
                            found.cabinOrEconomy(), found.loungePass() ? ", lounge pass" : "",
                            found.lastTicketingDate() == null ? "" : ", ticket by " + found.lastTicketingDate());
                    return checks.update(connection, check)
                            .chain(() -> outbox.append(connection, List.of(envelope.apply(new AirlineInfoUpdated(
                                    bookingId, booking, recordLocator, found.cabinOrEconomy(), found.upgraded(),
                                    found.loungePass(), found.lastTicketingDate())))))
                            .replaceWith(new Recorded(check, true));
                }));
    }
}
