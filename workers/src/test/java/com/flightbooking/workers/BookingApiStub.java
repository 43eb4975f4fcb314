package com.flightbooking.workers;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.util.UUID;

import com.flightbooking.events.BookingDetails;
import com.flightbooking.localinfra.LocalInfraTestResource;
import com.github.tomakehurst.wiremock.client.MappingBuilder;

/**
 * The booking API's {@code GET /bookings/{id}}, stubbed in WireMock: the workers' tests run without a booking API, and
 * their booking API client points at {@link LocalInfraTestResource#BOOKING_API_STUBS}.
 */
public final class BookingApiStub {

    private BookingApiStub() {
    }

    public static String path(UUID bookingId) {
        return LocalInfraTestResource.BOOKING_API_STUBS + "/bookings/" + bookingId;
    }

    /** The booking API answers that the booking is {@code status} (with the record locator, when given). */
    public static MappingBuilder answers(UUID bookingId, BookingDetails booking, String status, String recordLocator) {
        String json = """
                {"id":"%s","status":"%s","statusReason":null,"recordLocator":%s,
                 "passenger":{"name":"%s","email":"%s"},
                 "flight":{"number":"%s","origin":"%s","destination":"%s","departureTime":"%s"},
                 "fare":{"amount":%s,"currency":"%s"},"corporateAccountId":%s,
                 "createdAt":"2026-11-28T10:00:00Z","updatedAt":"2026-11-28T10:00:01Z"}"""
                .formatted(bookingId, status, quoted(recordLocator), booking.passenger().name(),
                        booking.passenger().email(), booking.flight().number(), booking.flight().origin(),
                        booking.flight().destination(), booking.flight().departureTime(),
                        booking.fare().amount().toPlainString(), booking.fare().currency(),
                        quoted(booking.corporateAccountId()));
        return get(urlPathEqualTo(path(bookingId))).willReturn(okJson(json));
    }

    /** The record locator the travel fulfiller's simulator gives a booking. */
    public static String recordLocatorOf(UUID bookingId) {
        return bookingId.toString().substring(0, 6).toUpperCase();
    }

    private static String quoted(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }
}
