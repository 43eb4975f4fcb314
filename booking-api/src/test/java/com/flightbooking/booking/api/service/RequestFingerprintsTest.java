package com.flightbooking.booking.api.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.flightbooking.booking.api.rest.CreateBookingRequest;
import com.flightbooking.booking.api.rest.CreateBookingRequest.PassengerRequest;

class RequestFingerprintsTest {

    private static final UUID OFFER = UUID.fromString("6f1c2b7e-3d0a-4c55-9a8e-2b1f0c9d4e21");

    private final RequestFingerprints fingerprints = new RequestFingerprints(
            new ObjectMapper().registerModule(new JavaTimeModule()));

    @Test
    void equalRequestsHaveEqualFingerprints() {
        assertThat(fingerprints.of(request("Ada", OFFER))).isEqualTo(fingerprints.of(request("Ada", OFFER)));
    }

    @Test
    void anyDifferenceChangesTheFingerprint() {
        String original = fingerprints.of(request("Ada", OFFER));

        assertThat(fingerprints.of(request("Ada", UUID.randomUUID()))).isNotEqualTo(original);
        assertThat(fingerprints.of(request("Grace", OFFER))).isNotEqualTo(original);
    }

    @Test
    void theFingerprintIsADigestThatRevealsNothing() {
        assertThat(fingerprints.of(request("Ada", OFFER))).matches("[0-9a-f]{64}").doesNotContain("tok_");
    }

    private static CreateBookingRequest request(String name, UUID offerId) {
        return new CreateBookingRequest(offerId, new PassengerRequest(name, "ada@example.com"), "tok_visa_4242", null);
    }
}
