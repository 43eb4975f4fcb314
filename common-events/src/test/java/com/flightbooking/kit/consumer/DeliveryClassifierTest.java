package com.flightbooking.kit.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.flightbooking.events.EventCodec;
import com.flightbooking.events.EventEnvelope;
import com.flightbooking.events.EventType;
import com.flightbooking.events.testing.SampleEvents;
import com.flightbooking.kit.consumer.DeliveryClassifier.Handle;
import com.flightbooking.kit.consumer.DeliveryClassifier.Poison;
import com.flightbooking.kit.consumer.DeliveryClassifier.Skip;
import com.flightbooking.kit.messaging.MessageAttributes;

import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/** Which received messages reach the role's handler, which are skipped, which are poison. */
class DeliveryClassifierTest {

    private static final String NEWER_RELEASE_TYPE = "com.flightbooking.seat.upgraded.v1";

    private final EventCodec codec = new EventCodec();
    private final DeliveryClassifier acceptingAll = new DeliveryClassifier(codec, EventFilter.ACCEPT_ALL);
    private final DeliveryClassifier onlyBookingRequests = new DeliveryClassifier(codec, RoleFilter.of(
            Optional.of("{\"ce_type\": [\"" + EventType.BOOKING_REQUESTED.ceType() + "\"]}"), Optional.empty())
            .orElseThrow());

    @Test
    void anEventTheRoleWantsIsHandledDecoded() {
        EventEnvelope event = SampleEvents.bookingRequestedEvent(null, "10.00", "EUR");

        assertThat(onlyBookingRequests.classify(attributesOf(event), codec.encode(event)))
                .isEqualTo(new Handle(event));
    }

    @Test
    void anEventTheRolesFilterRejectsIsSkipped() {
        EventEnvelope event = SampleEvents.paymentChargedEvent(UUID.randomUUID(), SampleEvents.details());

        assertThat(onlyBookingRequests.classify(attributesOf(event), codec.encode(event))).isEqualTo(new Skip());
    }

    /** During a rolling deploy the newer release publishes types the older one has never heard of. */
    @Test
    void aTypeFromANewerReleaseIsSkippedNeverPoisonEvenWithABodyThisReleaseCannotRead() {
        Map<String, MessageAttributeValue> attributes = Map.of(MessageAttributes.TYPE, string(NEWER_RELEASE_TYPE));

        assertThat(acceptingAll.classify(attributes, "{\"type\":\"" + NEWER_RELEASE_TYPE + "\"}"))
                .isEqualTo(new Skip());
    }

    @Test
    void aBodyThatIsNoEventIsPoisonWithTheCodecsReason() {
        assertThat(acceptingAll.classify(Map.of(), "{\"not\":\"a cloud event\"}"))
                .isInstanceOfSatisfying(Poison.class,
                        poison -> assertThat(poison.reason()).startsWith("poison: missing required attribute"));
        assertThat(acceptingAll.classify(Map.of(), "not json"))
                .isInstanceOfSatisfying(Poison.class,
                        poison -> assertThat(poison.reason()).startsWith("poison: body is not JSON"));
    }

    /** A known type with a broken body is a publisher's bug: it goes where ops look, whatever the filter says. */
    @Test
    void aKnownTypeWithABrokenBodyIsPoisonEvenWhenTheFilterWouldSkipIt() {
        Map<String, MessageAttributeValue> attributes = Map.of(MessageAttributes.TYPE,
                string(EventType.PAYMENT_CHARGED.ceType()));

        assertThat(onlyBookingRequests.classify(attributes, "{\"not\":\"a cloud event\"}"))
                .isInstanceOf(Poison.class);
    }

    private static Map<String, MessageAttributeValue> attributesOf(EventEnvelope event) {
        Map<String, MessageAttributeValue> attributes = new HashMap<>();
        MessageAttributes.of(event).forEach((name, value) -> attributes.put(name, string(value)));
        return attributes;
    }

    private static MessageAttributeValue string(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
