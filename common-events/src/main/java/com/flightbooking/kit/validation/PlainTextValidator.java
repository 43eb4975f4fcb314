package com.flightbooking.kit.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

import com.flightbooking.events.CardNumbers;

public class PlainTextValidator implements ConstraintValidator<PlainText, String> {

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        String reason = whyNot(value);
        if (reason == null) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(reason).addConstraintViolation();
        return false;
    }

    /** Why {@code value} is not plain text, or null when it is (or is null). Linear in its length. */
    public static String whyNot(String value) {
        if (value == null) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                return "must not contain control characters";
            }
            if (isBidiControl(c)) {
                return "must not contain bidirectional formatting characters";
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "must be valid Unicode text";
            }
        }
        if (CardNumbers.containsCardNumber(value)) {
            return "must not contain a card number";
        }
        return null;
    }

    /** The embeddings and overrides U+202A–U+202E and the isolates U+2066–U+2069 ("Trojan Source"). */
    private static boolean isBidiControl(char c) {
        return (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
    }
}
