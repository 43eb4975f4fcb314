package com.flightbooking.booking.api.rest;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * A departure date that can be booked: today or later and at most {@link BookableDepartureValidator#MAX_AHEAD}
 * ahead, which also keeps absurd dates (year 300000) away from the fulfiller and the database. Null is valid.
 */
@Documented
@Constraint(validatedBy = BookableDepartureValidator.class)
@Target({ FIELD, PARAMETER, RECORD_COMPONENT })
@Retention(RUNTIME)
public @interface BookableDeparture {

    String message() default "must be today or later and at most 2 years ahead";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
