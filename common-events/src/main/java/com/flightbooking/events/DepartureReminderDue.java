package com.flightbooking.events;

import java.util.Objects;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A confirmed booking departs soon (about 24 hours): time to remind the customer. */
@RegisterForReflection
public record DepartureReminderDue(UUID bookingId, BookingDetails booking, String recordLocator)
        implements
            BookingEvent {

    public DepartureReminderDue {
        Objects.requireNonNull(bookingId, "bookingId");
        Objects.requireNonNull(booking, "booking");
    }
}
