package com.flightbooking.kit.validation;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * An email address as mail is actually sent to: at most {@value EmailAddressValidator#MAX_LENGTH} characters,
 * {@code local@domain}, the domain's labels separated by dots. Checked in one pass, never by a regular expression,
 * so a hostile value costs no more than its length (Hibernate Validator's {@code @Email} backtracks on long ones).
 * Null is valid.
 */
@Documented
@Constraint(validatedBy = EmailAddressValidator.class)
@Target({ FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE })
@Retention(RUNTIME)
public @interface EmailAddress {

    String message() default "must be a well-formed email address";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
