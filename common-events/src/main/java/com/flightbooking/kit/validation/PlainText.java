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
 * Text that may be stored, logged or published: no control characters (NUL included), no line or paragraph
 * separators, no Unicode bidirectional overrides or isolates, no unpaired surrogates, and no card number
 * ({@link com.flightbooking.events.CardNumbers}). A refused value is never echoed in the message. Null is valid.
 */
@Documented
@Constraint(validatedBy = PlainTextValidator.class)
@Target({ FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE })
@Retention(RUNTIME)
public @interface PlainText {

    String message() default "must be plain text";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
