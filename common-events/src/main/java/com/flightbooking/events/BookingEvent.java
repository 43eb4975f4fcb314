package com.flightbooking.events;

import java.util.UUID;

/** An event about one booking: its subject is the booking id. */
public sealed interface BookingEvent extends EventPayload permits BookingRequested, PaymentCharged, PaymentDeclined,
        PaymentRefunded, BookingFulfilled, FulfilmentFailed, ReservationCancelled, BookingStatusChanged,
        AirlineInfoUpdated, DepartureReminderDue, LedgerEntryRecorded, CustomerNotified {

    UUID bookingId();

    @Override
    default String subject() {
        return bookingId().toString();
    }
}
