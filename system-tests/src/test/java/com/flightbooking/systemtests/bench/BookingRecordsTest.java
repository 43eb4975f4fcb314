package com.flightbooking.systemtests.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.flightbooking.localinfra.LocalPartners;

class BookingRecordsTest {

    private static final String BOOKING = "0b7e2f5c-3a51-4a8e-9d1e-5a0c3f2b9e11";
    private static final String OTHER = "6f1d0c2a-9b4e-4f3a-8c7d-1e2f3a4b5c6d";

    @Test
    void emailsAreCountedPerBookingAndNewsFromTheirMessageIdsAndPerSubject() {
        Map<String, BookingRecords.Emails> emails = BookingRecords.emailsPerBooking(List.of(
                email("<booking-" + BOOKING + "-confirmed@flightbooking.example>", "Confirmed"),
                email("<booking-" + BOOKING + "-cancelled@flightbooking.example>", "Cancelled"),
                email("<booking-" + BOOKING + "-confirmed@flightbooking.example>", "Confirmed"),
                email("<booking-" + BOOKING + "-confirmed2@flightbooking.example>", "Confirmed"),
                email("<booking-" + OTHER + "-payment_declined@flightbooking.example>", "Declined")));

        assertThat(emails).containsOnlyKeys(BOOKING, OTHER);
        BookingRecords.Emails booking = emails.get(BOOKING);
        assertThat(booking.receipts()).containsOnly(Map.entry("confirmed", 2), Map.entry("cancelled", 1),
                Map.entry("confirmed2", 1));
        assertThat(booking.messageIdsBySubject()).containsOnly(Map.entry("Confirmed", 2), Map.entry("Cancelled", 1));
        assertThat(booking.distinct()).isEqualTo(3);
        assertThat(booking.resent()).isEqualTo(1);
        assertThat(emails.get(OTHER).receipts()).containsOnly(Map.entry("payment_declined", 1));
    }

    @Test
    void emailsAboutNoBookingAreLeftOut() {
        assertThat(BookingRecords.emailsPerBooking(Arrays.asList(email("<invoice-42@flightbooking.example>", "Invoice"),
                email("<random@elsewhere.example>", "Hi"), email(null, null)))).isEmpty();
    }

    private static LocalPartners.ReceivedEmail email(String messageId, String subject) {
        return new LocalPartners.ReceivedEmail(messageId, subject);
    }
}
