package com.flightbooking.kit.problem;

import java.net.URI;

import com.flightbooking.kit.validation.PlainTextValidator;

/**
 * A problem's {@code instance}: the request's path as sent (percent-encoded), never its query. A path that is not
 * plain text (a card number in it) is left out: a problem never repeats one.
 */
final class Instances {

    private Instances() {
    }

    static URI of(String rawPath) {
        if (rawPath == null || PlainTextValidator.whyNot(rawPath) != null) {
            return null;
        }
        try {
            return URI.create(rawPath);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
