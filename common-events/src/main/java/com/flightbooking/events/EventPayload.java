package com.flightbooking.events;

/**
 * The {@code data} of a booking event. Each implementation is bound to exactly one CloudEvents {@code type} in
 * {@link EventType}; the subject of every event is the booking it concerns.
 */
public sealed interface EventPayload permits BookingRequested, PaymentCharged, PaymentDeclined, PaymentRefunded,
        BookingFulfilled, FulfilmentFailed, ReservationCancelled, BookingStatusChanged {

    java.util.UUID bookingId();
}
