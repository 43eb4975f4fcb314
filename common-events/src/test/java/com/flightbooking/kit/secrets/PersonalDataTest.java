package com.flightbooking.kit.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.flightbooking.events.BookingRequested;
import com.flightbooking.events.EventCodec;
import com.flightbooking.events.EventEnvelope;
import com.flightbooking.events.testing.SampleEvents;

class PersonalDataTest {

    private final EventCodec codec = new EventCodec();

    @Test
    void hidesNamesEmailsAndTheTokenReferenceButKeepsWhatOpsInvestigateWith() {
        UUID bookingId = UUID.randomUUID();
        BookingRequested requested = SampleEvents.bookingRequested(bookingId, "tok_visa_4242",
                SampleEvents.details("ada@example.com", "LH400", "ACME-001", "499.90", "EUR"));
        String body = codec.encode(EventEnvelope.of(requested, "/test", Instant.now(), "corr-1", null));

        String shown = PersonalData.redact(body);

        assertThat(shown).doesNotContain("ada@example.com", "Grace Hopper", requested.paymentTokenRef())
                .contains(PersonalData.REDACTED, bookingId.toString(), "LH400", "ACME-001", "499.90", "corr-1",
                        "\"type\":\"com.flightbooking.booking.requested.v1\"");
    }

    @Test
    void hidesBillingAddressesAndPrincipalsAtAnyDepthAndInArrays() {
        String shown = PersonalData.redact("""
                {"accounts":[{"id":"ACME","billingEmail":"billing@acme.example","billingName":"ACME Ltd"}],
                 "request":{"principal":"alice","route":"/bookings"},"absent":{"email":null}}""");

        assertThat(shown).doesNotContain("billing@acme.example", "ACME Ltd", "alice")
                .contains("\"id\":\"ACME\"", "\"route\":\"/bookings\"", "\"email\":null");
    }

    @Test
    void showsNothingOfABodyThatIsNotJson() {
        assertThat(PersonalData.redact("Ada Lovelace <ada@example.com>")).isEqualTo(PersonalData.NOT_JSON);
        assertThat(PersonalData.redact("")).isEqualTo(PersonalData.NOT_JSON);
        assertThat(PersonalData.redact("\"ada@example.com\"")).isEqualTo(PersonalData.NOT_JSON);
    }
}
