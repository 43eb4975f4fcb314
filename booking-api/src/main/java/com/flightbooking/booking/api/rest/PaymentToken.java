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

/** A payment processor token (e.g. {@code tok_visa_4242}): never a card number. */
@Documented
@Constraint(validatedBy = PaymentTokenValidator.class)
@Target({ FIELD, PARAMETER, RECORD_COMPONENT })
@Retention(RUNTIME)
public @interface PaymentToken {

    String message() default "must be a payment processor token";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
