package com.flightbooking.kit.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

public class EmailAddressValidator implements ConstraintValidator<EmailAddress, String> {

    /** RFC 5321's limit on a forward path, less its angle brackets. */
    static final int MAX_LENGTH = 254;
    private static final int MAX_LOCAL_PART = 64;
    private static final int MAX_LABEL = 63;
    private static final String LOCAL_PART_SYMBOLS = "!#$%&'*+/=?^_`{|}~-";

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        return value == null || isEmailAddress(value);
    }

    /** The length is checked before anything else looks at the value. */
    public static boolean isEmailAddress(String value) {
        if (value.length() > MAX_LENGTH) {
            return false;
        }
        int at = value.indexOf('@');
        if (at < 1 || at != value.lastIndexOf('@') || at > MAX_LOCAL_PART) {
            return false;
        }
        return isLocalPart(value, 0, at) && isDomain(value, at + 1, value.length());
    }

    /** Dot-separated atoms: letters (any script), digits and RFC 5322's atext symbols. */
    private static boolean isLocalPart(String value, int start, int end) {
        char previous = '.';
        for (int i = start; i < end; i++) {
            char c = value.charAt(i);
            if (c == '.' ? previous == '.' : !isAtext(c)) {
                return false;
            }
            previous = c;
        }
        return previous != '.';
    }

    private static boolean isAtext(char c) {
        return Character.isLetterOrDigit(c) || LOCAL_PART_SYMBOLS.indexOf(c) >= 0;
    }

    /** At least two labels of letters (any script), digits and inner hyphens, each 1–63 characters. */
    private static boolean isDomain(String value, int start, int end) {
        int labels = 0;
        int labelStart = start;
        for (int i = start; i <= end; i++) {
            if (i == end || value.charAt(i) == '.') {
                if (!isLabel(value, labelStart, i)) {
                    return false;
                }
                labels++;
                labelStart = i + 1;
            }
        }
        return labels >= 2;
    }

    private static boolean isLabel(String value, int start, int end) {
        if (end - start < 1 || end - start > MAX_LABEL || value.charAt(start) == '-' || value.charAt(end - 1) == '-') {
            return false;
        }
        for (int i = start; i < end; i++) {
            char c = value.charAt(i);
            if (!Character.isLetterOrDigit(c) && c != '-') {
                return false;
            }
        }
        return true;
    }
}
