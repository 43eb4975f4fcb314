package com.flightbooking.booking.api.responseevents;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * One include or exclude rule ({@link ResponseEventsConfig}): each word it names must match, words it leaves out
 * match anything.
 */
record ResponseRule(String text, List<Predicate<ObservedResponse>> conditions) {

    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS",
            "TRACE", "CONNECT");
    private static final Pattern STATUS_CLASS = Pattern.compile("[1-5]xx", Pattern.CASE_INSENSITIVE);
    private static final Pattern STATUS = Pattern.compile("[1-5][0-9][0-9]");

    boolean matches(ObservedResponse response) {
        return conditions.stream().allMatch(condition -> condition.test(response));
    }

    /** @throws IllegalArgumentException naming the word that is neither a method, a route nor a status */
    static ResponseRule parse(String text) {
        String[] words = text.trim().split("\\s+");
        if (text.isBlank() || words.length > 3) {
            throw new IllegalArgumentException("response event rule '" + text
                    + "' must be one to three words: a method, a route pattern, a status class (e.g. GET /bookings/* 2xx)");
        }
        List<Predicate<ObservedResponse>> conditions = new ArrayList<>();
        for (String word : words) {
            conditions.add(condition(text, word));
        }
        return new ResponseRule(text, List.copyOf(conditions));
    }

    private static Predicate<ObservedResponse> condition(String text, String word) {
        if (word.startsWith("/")) {
            Pattern route = glob(word);
            return response -> route.matcher(response.routeOrPath()).matches();
        }
        if (STATUS_CLASS.matcher(word).matches()) {
            int hundreds = word.charAt(0) - '0';
            return response -> response.status() / 100 == hundreds;
        }
        if (STATUS.matcher(word).matches()) {
            int status = Integer.parseInt(word);
            return response -> response.status() == status;
        }
        if (word.equals("*")) {
            return response -> true;
        }
        String method = word.toUpperCase(Locale.ROOT);
        if (METHODS.contains(method)) {
            return response -> response.method().equals(method);
        }
        throw new IllegalArgumentException("response event rule '" + text + "': '" + word
                + "' is neither a method, a route pattern (starting with /) nor a status (2xx, 404)");
    }

    private static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (String literal : pattern.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(literal));
        }
        return Pattern.compile(regex.toString());
    }
}
