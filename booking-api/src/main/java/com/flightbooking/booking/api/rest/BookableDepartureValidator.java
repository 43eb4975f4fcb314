package com.flightbooking.booking.api.rest;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

public class BookableDepartureValidator implements ConstraintValidator<BookableDeparture, OffsetDateTime> {

    /** Airlines sell seats about a year ahead; twice that leaves room and still refuses nonsense. */
    public static final Period MAX_AHEAD = Period.ofYears(2);

    @Override
    public boolean isValid(OffsetDateTime departure, ConstraintValidatorContext context) {
        if (departure == null) {
            return true;
        }
        // Bean Validation's clock, as @Future uses.
        Instant now = context.getClockProvider().getClock().instant();
        Instant latest = now.atOffset(ZoneOffset.UTC).plus(MAX_AHEAD).toInstant();
        String reason = !departure.toInstant().isAfter(now) ? "must be in the future"
                : departure.toInstant().isAfter(latest) ? "must be at most " + MAX_AHEAD.getYears() + " years ahead"
                        : null;
        if (reason == null) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(reason).addConstraintViolation();
        return false;
    }
}
