package com.flightbooking.events.testing;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Request bodies for tests: a valid booking, with a marker that lets a test find exactly its own rows. */
public final class Bookings {

    private Bookings() {
    }

    public static String valid(String marker) {
        return valid(marker, "tok_visa_4242");
    }

    public static String valid(String marker, String paymentToken) {
        String departure = OffsetDateTime.now(ZoneOffset.UTC).plusDays(30).withNano(0).toString();
        return """
                {
                  "passenger": {"name": "Ada %s", "email": "ada@example.com"},
                  "flight": {"number": "LH1234", "origin": "FRA", "destination": "JFK", "departureTime": "%s"},
                  "fare": {"amount": 499.90, "currency": "EUR"},
                  "paymentToken": "%s",
                  "corporateAccountId": "ACME-001"
                }""".formatted(marker, departure, paymentToken);
    }

    /** A booking for {@code email} on {@code flightNumber}, paid with {@code paymentToken}. */
    public static String of(String email, String flightNumber, String paymentToken, String amount) {
        String departure = OffsetDateTime.now(ZoneOffset.UTC).plusDays(30).withNano(0).toString();
        return """
                {
                  "passenger": {"name": "Ada Lovelace", "email": "%s"},
                  "flight": {"number": "%s", "origin": "FRA", "destination": "JFK", "departureTime": "%s"},
                  "fare": {"amount": %s, "currency": "EUR"},
                  "paymentToken": "%s",
                  "corporateAccountId": "ACME-001"
                }""".formatted(email, flightNumber, departure, amount, paymentToken);
    }
}
