package com.flightbooking.booking.api.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.MDC;

import com.flightbooking.booking.api.Booking;
import com.flightbooking.booking.api.BookingStatus;
import com.flightbooking.booking.api.Offer;
import com.flightbooking.booking.api.repository.BookingRepository;
import com.flightbooking.booking.api.repository.BookingRows;
import com.flightbooking.booking.api.repository.OfferRows;
import com.flightbooking.booking.api.rest.CreateBookingRequest;
import com.flightbooking.booking.api.security.Caller;
import com.flightbooking.events.BookingRequested;
import com.flightbooking.events.EventEnvelope;
import com.flightbooking.events.Flight;
import com.flightbooking.events.Money;
import com.flightbooking.events.Passenger;
import com.flightbooking.kit.outbox.Outbox;
import com.flightbooking.kit.secrets.PaymentTokenSealer;
import com.flightbooking.kit.tracing.EventSpans;
import com.flightbooking.kit.tracing.LogFields;

import io.opentelemetry.api.trace.Span;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Records bookings. The booking, the use of its offer and its {@code BookingRequested} event are written in one
 * statement; the outbox relay publishes the event after commit. Creating and showing one booking, once per request,
 * are plain statements on the reactive pool ({@link BookingRows}, {@link OfferRows}): a Hibernate Reactive session
 * cost more CPU than the statements it ran. The list of a customer's bookings stays with Panache.
 */
@ApplicationScoped
public class BookingService {

    static final String EVENT_SOURCE = "/booking-api";

    private final BookingRepository bookings;
    private final BookingRows bookingRows;
    private final OfferRows offers;
    private final Outbox outbox;
    private final RequestFingerprints fingerprints;
    private final Clock clock;
    private final PaymentTokenSealer paymentTokens;
    private final Pool pool;

    BookingService(BookingRepository bookings, BookingRows bookingRows, OfferRows offers, Outbox outbox,
            RequestFingerprints fingerprints, Clock clock, PaymentTokenSealer paymentTokens, Pool pool) {
        this.bookings = bookings;
        this.bookingRows = bookingRows;
        this.offers = offers;
        this.outbox = outbox;
        this.fingerprints = fingerprints;
        this.clock = clock;
        this.paymentTokens = paymentTokens;
        this.pool = pool;
    }

    /** A booking and whether it was created by this call or replayed for a repeated idempotency key. */
    public record BookingCreation(Booking booking, boolean replayed) {
    }

    /**
     * Books the request's offer at its price. Fails with {@link OfferNotBookableException} when the offer is unknown,
     * expired or taken by another booking (a concurrent one included), writing nothing.
     *
     * @param idempotencyKey the client's key, or null; a repeated key with the same request returns the first
     *        booking, with a different request fails with {@link IdempotencyKeyReusedException}
     */
    public Uni<BookingCreation> create(CreateBookingRequest request, Caller caller, String idempotencyKey,
            String correlationId) {
        if (!caller.mayBookOn(request.corporateAccountId())) {
            return Uni.createFrom().failure(new CorporateAccountNotAllowedException());
        }
        String owner = caller.subject();
        String fingerprint = idempotencyKey == null ? null : fingerprints.of(request);
        Uni<BookingCreation> attempt = book(request, owner, idempotencyKey, fingerprint, correlationId);
        if (idempotencyKey == null) {
            return attempt;
        }
        // A repeated request finds its offer taken (by its own booking): the key tells whether it is a replay. The key
        // is looked up only then, so that a first request, the usual case, costs no lookup.
        return attempt.onFailure(OfferNotBookableException.class)
                .recoverWithUni(notBookable -> bookingRows.findByIdempotencyKey(owner, idempotencyKey)
                        .map(existing -> {
                            if (existing == null) {
                                throw (OfferNotBookableException) notBookable;
                            }
                            return replay(existing, idempotencyKey, fingerprint);
                        }))
                // A concurrent request with the same key committed first: answer as a replay of that one.
                .onFailure(UniqueViolations::isIdempotencyKeyConflict)
                .recoverWithUni(() -> bookingRows.findByIdempotencyKey(owner, idempotencyKey)
                        .invoke(existing -> Log.infof(
                                "Booking %s was created by a concurrent request with the same Idempotency-Key",
                                existing.id))
                        .map(existing -> replay(existing, idempotencyKey, fingerprint)));
    }

    /** The booking when the caller may see it (its own, or any for operators and readers); null otherwise. */
    public Uni<Booking> find(UUID id, Caller caller) {
        return bookingRows.findVisible(id, caller.subject(), caller.seesEveryBooking());
    }

    /** The page of the owner's bookings, newest first, and whether another page follows. */
    @WithSession
    public Uni<BookingPage> pageOf(String owner, int page, int size) {
        return bookings.pageOf(owner, page, size)
                .map(found -> new BookingPage(found.subList(0, Math.min(size, found.size())), found.size() > size));
    }

    public record BookingPage(List<Booking> bookings, boolean more) {
    }

    private Uni<BookingCreation> book(CreateBookingRequest request, String owner, String idempotencyKey,
            String fingerprint, String correlationId) {
        Instant now = clock.instant();
        return offers.find(pool, request.offerId()).flatMap(offer -> {
            if (offer == null) {
                return Uni.createFrom().failure(OfferNotBookableException.unknown(request.offerId()));
            }
            if (offer.usedBy != null) {
                return Uni.createFrom().failure(OfferNotBookableException.used(offer.id));
            }
            if (!offer.expiresAt.isAfter(now)) {
                return Uni.createFrom().failure(OfferNotBookableException.expired(offer.id));
            }
            return book(request, owner, offer, now, idempotencyKey, fingerprint, correlationId);
        });
    }

    /**
     * The booking, the offer taken for it and its event are one statement, so one round trip and no transaction to
     * open (issue #13). It writes nothing when the offer was taken, or expired, since it was read.
     */
    private Uni<BookingCreation> book(CreateBookingRequest request, String owner, Offer offer, Instant now,
            String idempotencyKey, String fingerprint, String correlationId) {
        Booking booking = newBooking(request, owner, offer, now, idempotencyKey, fingerprint);
        MDC.put(LogFields.BOOKING_ID, booking.id.toString());
        Span.current().setAttribute(EventSpans.BOOKING_ID, booking.id.toString());
        EventEnvelope event = EventEnvelope.of(requested(booking, paymentTokens.seal(booking.id, request.paymentToken())),
                EVENT_SOURCE,
                booking.createdAt, correlationId, null);
        return outbox.appendIfWritten(pool, bookingRows.insertTakingOffer(booking, offer.id), List.of(event))
                .map(written -> {
                    if (!written) {
                        throw OfferNotBookableException.used(offer.id);
                    }
                    Log.infof("Booking %s requested: flight %s", booking.id, booking.flightNumber);
                    return new BookingCreation(booking, false);
                });
    }

    private static BookingCreation replay(Booking existing, String idempotencyKey, String fingerprint) {
        if (!existing.requestFingerprint.equals(fingerprint)) {
            throw new IdempotencyKeyReusedException(idempotencyKey);
        }
        return new BookingCreation(existing, true);
    }

    private static Booking newBooking(CreateBookingRequest request, String owner, Offer offer, Instant now,
            String idempotencyKey, String fingerprint) {
        Booking booking = new Booking();
        booking.id = UUID.randomUUID();
        booking.owner = owner;
        booking.status = BookingStatus.PENDING;
        booking.passengerName = request.passenger().name();
        booking.passengerEmail = request.passenger().email();
        booking.flightNumber = offer.flightNumber;
        booking.origin = offer.origin;
        booking.destination = offer.destination;
        booking.departureTime = offer.departureTime;
        booking.fareAmount = offer.priceAmount;
        booking.fareCurrency = offer.priceCurrency;
        booking.corporateAccountId = request.corporateAccountId();
        booking.idempotencyKey = idempotencyKey;
        booking.requestFingerprint = fingerprint;
        booking.createdAt = now;
        booking.updatedAt = booking.createdAt;
        return booking;
    }

    private static BookingRequested requested(Booking booking, String paymentTokenRef) {
        return new BookingRequested(booking.id,
                new Passenger(booking.passengerName, booking.passengerEmail),
                new Flight(booking.flightNumber, booking.origin, booking.destination,
                        booking.departureTime),
                new Money(booking.fareAmount, booking.fareCurrency),
                paymentTokenRef, booking.corporateAccountId);
    }
}
