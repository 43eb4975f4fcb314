package com.flightbooking.booking.api.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.flightbooking.booking.api.rest.CreateBookingRequest;
import com.flightbooking.booking.api.rest.CreateBookingRequest.FareRequest;
import com.flightbooking.booking.api.rest.CreateBookingRequest.FlightRequest;
import com.flightbooking.booking.api.rest.CreateBookingRequest.PassengerRequest;

class RequestFingerprintsTest {

    private final RequestFingerprints fingerprints = new RequestFingerprints(
            new ObjectMapper().registerModule(new JavaTimeModule()));

    @Test
    void equalRequestsHaveEqualFingerprints() {
        assertThat(fingerprints.of(request("Ada", "499.90"))).isEqualTo(fingerprints.of(request("Ada", "499.90")));
    }

    @Test
    void anyDifferenceChangesTheFingerprint() {
        String original = fingerprints.of(request("Ada", "499.90"));

        assertThat(fingerprints.of(request("Ada", "499.91"))).isNotEqualTo(original);
        assertThat(fingerprints.of(request("Grace", "499.90"))).isNotEqualTo(original);
    }

    @Test
    void theFingerprintIsADigestThatRevealsNothing() {
        assertThat(fingerprints.of(request("Ada", "499.90"))).matches("[0-9a-f]{64}").doesNotContain("tok_");
    }

    private static CreateBookingRequest request(String name, String amount) {
        return new CreateBookingRequest(new PassengerRequest(name, "ada@example.com"),
                new FlightRequest("LH400", "FRA", "JFK", OffsetDateTime.parse("2027-06-01T10:00:00Z")),
                new FareRequest(new BigDecimal(amount), "EUR"), "tok_visa_4242", null);
    }
}
