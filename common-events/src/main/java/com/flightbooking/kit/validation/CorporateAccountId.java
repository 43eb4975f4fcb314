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
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A corporate account's id, wherever either app takes one: 1–64 letters, digits, '_', '.' or '-', starting with a
 * letter or digit, and no card number. The pattern is one bounded character class: it cannot backtrack. Null is
 * valid.
 */
@Documented
@Size(max = CorporateAccountId.MAX_LENGTH)
@Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9_.-]{0,63}", message = "must be letters, digits, '_', '.' or '-'")
@PlainText
@Constraint(validatedBy = {})
@Target({ FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE })
@Retention(RUNTIME)
public @interface CorporateAccountId {

    int MAX_LENGTH = 64;

    String message() default "must be a corporate account id";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
