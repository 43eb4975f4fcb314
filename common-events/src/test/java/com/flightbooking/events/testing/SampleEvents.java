package com.flightbooking.events.testing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import com.flightbooking.events.BookingDetails;
import com.flightbooking.events.BookingFulfilled;
import com.flightbooking.events.BookingRequested;
import com.flightbooking.events.BookingStatusChanged;
import com.flightbooking.events.CustomerNotified;
import com.flightbooking.events.EventEnvelope;
import com.flightbooking.events.EventPayload;
import com.flightbooking.events.Flight;
import com.flightbooking.events.FulfilmentFailed;
import com.flightbooking.events.LedgerEntryRecorded;
import com.flightbooking.events.Money;
import com.flightbooking.events.Passenger;
import com.flightbooking.events.PaymentCharged;
import com.flightbooking.events.PaymentRefunded;
import com.flightbooking.kit.secrets.PaymentTokenSealer;

/** Valid events for tests, each about a new booking unless given one. */
public final class SampleEvents {

    public static final Instant TIME = Instant.parse("2026-11-28T10:00:00Z");

    /** Seals and opens payment tokens with the local and test key (%local.flights.payment-token.key). */
    public static final PaymentTokenSealer PAYMENT_TOKENS = new PaymentTokenSealer(
            "bG9jYWwtYW5kLXRlc3Qtb25seS1wYXltZW50LWtleSE=");

    private SampleEvents() {
    }

    public static BookingRequested bookingRequested(String corporateAccountId, String amount, String currency) {
        return bookingRequested(UUID.randomUUID(), "tok_mastercard_4444",
                details("grace-" + UUID.randomUUID() + "@example.com", "BA117", corporateAccountId, amount, currency));
    }

    /** {@code paymentToken} sealed as booking-api seals it. */
    public static BookingRequested bookingRequested(UUID bookingId, String paymentToken, BookingDetails details) {
        return new BookingRequested(bookingId, details.passenger(), details.flight(), details.fare(),
                PAYMENT_TOKENS.seal(bookingId, paymentToken), details.corporateAccountId());
    }

    public static EventEnvelope bookingRequestedEvent(String corporateAccountId, String amount, String currency) {
        return event(bookingRequested(corporateAccountId, amount, currency));
    }

    /** A booking of Grace Hopper's (a unique email address per call) on {@code flightNumber}. */
    public static BookingDetails details(String email, String flightNumber, String corporateAccountId, String amount,
            String currency) {
        return new BookingDetails(new Passenger("Grace Hopper", email),
                new Flight(flightNumber, "LHR", "JFK", Instant.parse("2027-03-01T09:00:00Z")),
                new Money(new BigDecimal(amount), currency), corporateAccountId);
    }

    public static BookingDetails details() {
        return details("grace-" + UUID.randomUUID() + "@example.com", "BA117", "ACME-001", "499.90", "EUR");
    }

    public static EventEnvelope paymentChargedEvent(UUID bookingId, BookingDetails details) {
        return event(new PaymentCharged(bookingId, details, "ch_" + bookingId));
    }

    public static EventEnvelope paymentRefundedEvent(UUID bookingId, BookingDetails details,
            PaymentRefunded.Reason reason) {
        return event(new PaymentRefunded(bookingId, details, "ch_" + bookingId, "re_" + bookingId, reason,
                reason == PaymentRefunded.Reason.FULFILMENT_FAILED ? "no seats left" : "booking cancelled"));
    }

    public static EventEnvelope bookingFulfilledEvent(UUID bookingId, BookingDetails details, String recordLocator) {
        return event(new BookingFulfilled(bookingId, details, recordLocator));
    }

    public static EventEnvelope fulfilmentFailedEvent(UUID bookingId, BookingDetails details) {
        return event(new FulfilmentFailed(bookingId, details, "no seats left"));
    }

    public static EventEnvelope statusChangedEvent(UUID bookingId, BookingDetails details,
            BookingStatusChanged.Status status, String recordLocator, String reason) {
        return event(new BookingStatusChanged(bookingId, details, status, recordLocator, reason));
    }

    /** The ledger's record of the booking's charge (the fare) or refund (the fare, negated). */
    public static EventEnvelope ledgerEntryRecordedEvent(UUID bookingId, BookingDetails details,
            LedgerEntryRecorded.Kind kind) {
        Money amount = kind == LedgerEntryRecorded.Kind.CHARGE ? details.fare() : details.fare().negate();
        return event(new LedgerEntryRecorded(bookingId, kind, amount));
    }

    /** @param about what the email was about: a booking status, UPGRADED or REMINDER */
    public static EventEnvelope customerNotifiedEvent(UUID bookingId, String about) {
        return event(new CustomerNotified(bookingId, about));
    }

    public static EventEnvelope event(EventPayload payload) {
        return EventEnvelope.of(payload, "/tests", TIME, "test-" + UUID.randomUUID(), null);
    }
}
