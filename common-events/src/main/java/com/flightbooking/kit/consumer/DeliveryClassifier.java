package com.flightbooking.kit.consumer;

import java.util.Map;

import com.flightbooking.events.EventCodec;
import com.flightbooking.events.EventEnvelope;
import com.flightbooking.events.EventType;
import com.flightbooking.events.UndecodableEventException;
import com.flightbooking.kit.messaging.MessageAttributes;

import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * Sorts a received message before any handler sees it: an event the role handles, one it skips (acknowledged
 * unseen), or poison for the dead-letter queue.
 */
final class DeliveryClassifier {

    sealed interface Classification permits Handle, Skip, Poison {
    }

    record Handle(EventEnvelope event) implements Classification {
    }

    /** A type this release does not know, or an event the role's filter rejects. */
    record Skip() implements Classification {
    }

    /** A body that is no event this release can read; retrying cannot help. */
    record Poison(String reason) implements Classification {
    }

    private final EventCodec codec;
    private final EventFilter filter;

    DeliveryClassifier(EventCodec codec, EventFilter filter) {
        this.codec = codec;
        this.filter = filter;
    }

    Classification classify(Map<String, MessageAttributeValue> attributes, String body) {
        if (isUnknownType(attributes)) {
            // Published by a newer release: not for this one (never poison: rolling deploys must not DLQ it).
            return new Skip();
        }
        EventEnvelope event;
        try {
            event = codec.decode(body);
        } catch (UndecodableEventException poison) {
            return new Poison("poison: " + poison.getMessage());
        }
        return filter.accepts(attributes, body) ? new Handle(event) : new Skip();
    }

    private static boolean isUnknownType(Map<String, MessageAttributeValue> attributes) {
        MessageAttributeValue type = attributes.get(MessageAttributes.TYPE);
        return type != null && type.stringValue() != null && EventType.fromCeType(type.stringValue()).isEmpty();
    }
}
