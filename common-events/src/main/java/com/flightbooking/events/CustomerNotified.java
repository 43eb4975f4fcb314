package com.flightbooking.events;

import java.util.Objects;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The customer was emailed about their booking, once per booking and {@code about}: a booking status
 * ({@code CONFIRMED}, {@code PAYMENT_DECLINED}, {@code FAILED_REFUNDED}, {@code CANCELLED}, {@code EXPIRED}),
 * {@code UPGRADED} or {@code REMINDER}. A string, not an enum, so that a new kind of email does not make older readers
 * fail. Deliberately without the address or anything else personal: it only says that the email went out. For the
 * record (the booking's timeline); no role acts on it.
 */
@RegisterForReflection
public record CustomerNotified(UUID bookingId, String about) implements BookingEvent {

    public CustomerNotified {
        Objects.requireNonNull(bookingId, "bookingId");
        Objects.requireNonNull(about, "about");
    }
}
