package com.flightbooking.events;

import java.util.regex.Pattern;

/**
 * Recognises primary account numbers (card numbers) so that they are refused at the edge and can never reach storage
 * or an event. Deliberately broad: any run of 12–19 digits, even split by spaces or dashes, counts — a mistyped card
 * number is still a card number, and real processor tokens do not look like that.
 */
public final class CardNumbers {

    private static final Pattern DIGIT_RUN = Pattern.compile("\\d(?:[ -]?\\d){11,18}");

    private CardNumbers() {
    }

    public static boolean containsCardNumber(String value) {
        return value != null && DIGIT_RUN.matcher(value).find();
    }
}
