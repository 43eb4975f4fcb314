package com.flightbooking.booking.api.rest;

import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

public class BookableDepartureValidator implements ConstraintValidator<BookableDeparture, LocalDate> {

    /** Airlines sell seats about a year ahead; twice that leaves room and still refuses nonsense. */
    public static final Period MAX_AHEAD = Period.ofYears(2);

    @Override
    public boolean isValid(LocalDate departure, ConstraintValidatorContext context) {
        if (departure == null) {
            return true;
        }
        // Bean Validation's clock, as @FutureOrPresent uses; today as the UTC calendar has it.
        LocalDate today = LocalDate.ofInstant(context.getClockProvider().getClock().instant(), ZoneOffset.UTC);
        String reason = departure.isBefore(today) ? "must be today or later"
                : departure.isAfter(today.plus(MAX_AHEAD)) ? "must be at most " + MAX_AHEAD.getYears() + " years ahead"
                        : null;
        if (reason == null) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(reason).addConstraintViolation();
        return false;
    }
}
