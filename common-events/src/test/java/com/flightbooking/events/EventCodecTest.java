package com.flightbooking.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.flightbooking.events.testing.GoldenFiles;
import com.flightbooking.events.testing.SampleEvents;

class EventCodecTest {

    private final EventCodec codec = new EventCodec();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void readsTheGoldenBookingRequested() {
        EventEnvelope event = codec.decode(GoldenFiles.read("booking-requested.v1.json"));

        assertThat(event.type()).isEqualTo(EventType.BOOKING_REQUESTED);
        assertThat(event.id()).isEqualTo(UUID.fromString("0b6c2b4e-6f4e-4a53-9a8e-2f0d6b1c7e11"));
        assertThat(event.subject()).isEqualTo("5d1f0c9a-3b7e-4f7a-8c2d-9e4b6a1f3c55");
        assertThat(event.correlationId()).isEqualTo("c0ffee00-1234-4abc-8def-000000000001");
        assertThat(event.traceparent()).startsWith("00-4bf92f3577b34da6a3ce929d0e0e4736-");
        BookingRequested data = event.dataAs(BookingRequested.class);
        assertThat(data.fare().amount()).isEqualByComparingTo("499.90");
        assertThat(data.flight().departureTime()).isEqualTo(Instant.parse("2027-01-15T08:30:00Z"));
        assertThat(data.corporateAccountId()).isEqualTo("ACME-001");
        assertThat(SampleEvents.PAYMENT_TOKENS.open(data.bookingId(), data.paymentTokenRef())).isEqualTo("tok_visa_4242");
    }

    /**
     * Every type on the wire has a golden file (named after the type, e.g. {@code payment-charged.v1.json}) that
     * decodes to its payload and is written back exactly: a field renamed, dropped or no longer read fails here.
     */
    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyTypeHasAGoldenFileThatDecodesAndIsWrittenBackExactly(EventType type) throws IOException {
        String golden = GoldenFiles.of(type);

        EventEnvelope event = codec.decode(golden);
        String reencoded = codec.encode(event);

        assertThat(event.type()).isEqualTo(type);
        assertThat(event.data()).isExactlyInstanceOf(type.payloadClass());
        assertThat(event.subject()).isEqualTo(event.data().subject());
        assertThat(json.readTree(reencoded)).isEqualTo(json.readTree(golden));
        assertThat(codec.decode(reencoded)).isEqualTo(event);
    }

    @Test
    void omitsAbsentExtensionsAndRoundTrips() {
        EventEnvelope event = EventEnvelope.of(SampleEvents.bookingRequested(null, "120.00", "GBP"), "/test",
                Instant.parse("2026-01-01T00:00:00Z"), null,
                null);

        String encoded = codec.encode(event);

        assertThat(encoded).doesNotContain("correlationid").doesNotContain("traceparent");
        assertThat(codec.decode(encoded)).isEqualTo(event);
    }

    @Test
    void ignoresPayloadFieldsAddedByNewerProducers() {
        String newer = GoldenFiles.read("booking-requested.v1.json").replace("\"paymentTokenRef\"",
                "\"seatPreference\": \"aisle\", \"paymentTokenRef\"");

        assertThat(codec.decode(newer).dataAs(BookingRequested.class).corporateAccountId()).isEqualTo("ACME-001");
    }

    @ParameterizedTest
    @ValueSource(strings = { "not json", "[1,2]", "{}", "{\"specversion\":\"0.3\"}" })
    void refusesWhatIsNotACloudEvent(String body) {
        assertThatThrownBy(() -> codec.decode(body)).isInstanceOf(UndecodableEventException.class);
    }

    @Test
    void namesTheUnknownType() {
        String unknown = GoldenFiles.read("booking-requested.v1.json").replace("booking.requested.v1", "booking.teleported.v1");

        assertThatThrownBy(() -> codec.decode(unknown))
                .isInstanceOf(UndecodableEventException.class)
                .hasMessageContaining("unknown event type 'com.flightbooking.booking.teleported.v1'");
    }

    @Test
    void namesTheMissingAttribute() {
        String noId = GoldenFiles.read("booking-requested.v1.json").replace("\"id\":", "\"identifier\":");

        assertThatThrownBy(() -> codec.decode(noId)).hasMessageContaining("missing required attribute 'id'");
    }

    @Test
    void saysWhereAnEventIsInvalidWithoutQuotingItsPersonalData() {
        String wrongType = GoldenFiles.read("booking-requested.v1.json").replace("2027-01-15T08:30:00Z", "ada@example.com");
        String notJson = "{\"passenger\": Ada Lovelace}";

        assertThatThrownBy(() -> codec.decode(wrongType))
                .isInstanceOf(UndecodableEventException.class)
                .hasMessageContaining("at data.flight.departureTime")
                .hasNoCause()
                .message().doesNotContain("ada@example.com");
        assertThatThrownBy(() -> codec.decode(notJson))
                .isInstanceOf(UndecodableEventException.class)
                .hasMessageStartingWith("body is not JSON (line 1")
                .hasNoCause()
                .message().doesNotContain("Ada");
    }

    @Test
    void anHttpResponseIsAboutWhatItCreatedElseItsInnermostResourceElseItsRoute() {
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("flight", "LH400");
        ids.put("seat", "12A");

        assertThat(new HttpResponseSent("POST", "/bookings", 202, 4.2, Map.of(), "b-1").subject())
                .isEqualTo("b-1");
        assertThat(new HttpResponseSent("GET", "/flights/{flight}/seats/{seat}", 200, 1.0, ids, null).subject())
                .isEqualTo("12A");
        assertThat(new HttpResponseSent("GET", "/bookings", 200, 1.0, null, null).subject())
                .isEqualTo("/bookings");
    }
}
