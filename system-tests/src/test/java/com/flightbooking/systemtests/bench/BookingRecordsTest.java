package com.flightbooking.systemtests.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class BookingRecordsTest {

    private static final String BOOKING = "0b7e2f5c-3a51-4a8e-9d1e-5a0c3f2b9e11";
    private static final String OTHER = "6f1d0c2a-9b4e-4f3a-8c7d-1e2f3a4b5c6d";

    @Test
    void emailsAreCountedPerBookingAndNewsFromTheirMessageIds() {
        Map<String, Map<String, Integer>> emails = BookingRecords.emailsPerBooking(List.of(
                "<booking-" + BOOKING + "-confirmed@flightbooking.example>",
                "<booking-" + BOOKING + "-cancelled@flightbooking.example>",
                "<booking-" + BOOKING + "-confirmed@flightbooking.example>",
                "<booking-" + OTHER + "-payment_declined@flightbooking.example>"));

        assertThat(emails).containsOnly(
                Map.entry(BOOKING, Map.of("confirmed", 2, "cancelled", 1)),
                Map.entry(OTHER, Map.of("payment_declined", 1)));
    }

    @Test
    void emailsAboutNoBookingAreLeftOut() {
        assertThat(BookingRecords.emailsPerBooking(Arrays.asList("<invoice-42@flightbooking.example>",
                "<random@elsewhere.example>", null))).isEmpty();
    }
}
