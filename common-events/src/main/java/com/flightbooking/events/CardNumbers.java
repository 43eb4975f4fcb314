package com.flightbooking.events;

import java.util.ArrayList;
import java.util.List;

/**
 * Recognises primary account numbers (card numbers) so that they are refused at the edge and can never reach storage,
 * a log line or an event. A card number is 13–19 digits that pass the Luhn check, written in one piece
 * ({@code tok_4111111111111111}) or in groups split by up to {@value #MAX_SEPARATOR} characters that are neither
 * letters nor digits ({@code 4111 1111 1111 1111}, {@code 4111_1111_1111_1111}, {@code 4111.1111-1111/1111}). A run
 * of more than 19 digits counts when any 13–19 of them in a row pass: it may hide one. Any Unicode decimal digit
 * counts (full-width ones too).
 * <p>
 * Split groups join only when each is a number of its own (no letter next to it) of at most {@value #MAX_GROUP}
 * digits, as the groups of a written card number are: the groups of a UUID (8 and 12 digits, or digits next to hex
 * letters) never join into one, so a UUID is never taken for a card number. The scan is a single pass over the text
 * with bounded work per digit, whatever the input.
 */
public final class CardNumbers {

    static final int MIN_DIGITS = 13;
    static final int MAX_DIGITS = 19;
    private static final int MAX_GROUP = 7;
    private static final int MAX_SEPARATOR = 3;

    private CardNumbers() {
    }

    public static boolean containsCardNumber(String value) {
        if (value == null) {
            return false;
        }
        List<int[]> joined = new ArrayList<>();
        int i = 0;
        int n = value.length();
        while (i < n) {
            if (!Character.isDigit(value.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < n && Character.isDigit(value.charAt(i))) {
                i++;
            }
            int[] group = digits(value, start, i);
            if (isCardNumber(group)) {
                return true;
            }
            boolean standsAlone = (start == 0 || !Character.isLetter(value.charAt(start - 1)))
                    && (i == n || !Character.isLetter(value.charAt(i)));
            if (group.length > MAX_GROUP || !standsAlone) {
                joined.clear();
                continue;
            }
            joined.add(group);
            if (joinedRunEndsInCardNumber(joined)) {
                return true;
            }
            int separatorEnd = i;
            while (separatorEnd < n && separatorEnd - i < MAX_SEPARATOR && isSeparator(value.charAt(separatorEnd))) {
                separatorEnd++;
            }
            boolean continues = separatorEnd > i && separatorEnd < n && Character.isDigit(value.charAt(separatorEnd));
            if (!continues) {
                joined.clear();
            }
            i = separatorEnd;
        }
        return false;
    }

    private static boolean isSeparator(char c) {
        return !Character.isLetterOrDigit(c);
    }

    private static int[] digits(String value, int start, int end) {
        int[] digits = new int[end - start];
        for (int k = start; k < end; k++) {
            digits[k - start] = Character.digit(value.charAt(k), 10);
        }
        return digits;
    }

    /** One unbroken run of digits: 13–19 that pass the Luhn check, or a longer one with such a run inside. */
    private static boolean isCardNumber(int[] digits) {
        if (digits.length < MIN_DIGITS) {
            return false;
        }
        if (digits.length <= MAX_DIGITS) {
            return luhn(digits, 0, digits.length);
        }
        for (int start = 0; start + MIN_DIGITS <= digits.length; start++) {
            for (int length = MIN_DIGITS; length <= MAX_DIGITS && start + length <= digits.length; length++) {
                if (luhn(digits, start, start + length)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether the groups ending with the last one joined so far make a card number (as whole groups). */
    private static boolean joinedRunEndsInCardNumber(List<int[]> groups) {
        int total = 0;
        for (int first = groups.size() - 1; first >= 0; first--) {
            total += groups.get(first).length;
            if (total > MAX_DIGITS) {
                return false;
            }
            if (total >= MIN_DIGITS && groups.size() - first >= 2 && luhn(concat(groups, first, total), 0, total)) {
                return true;
            }
        }
        return false;
    }

    private static int[] concat(List<int[]> groups, int first, int total) {
        int[] all = new int[total];
        int at = 0;
        for (int k = first; k < groups.size(); k++) {
            int[] group = groups.get(k);
            System.arraycopy(group, 0, all, at, group.length);
            at += group.length;
        }
        return all;
    }

    static boolean luhn(int[] digits, int start, int end) {
        int sum = 0;
        boolean doubled = false;
        for (int k = end - 1; k >= start; k--) {
            int d = digits[k];
            if (doubled) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }
}
