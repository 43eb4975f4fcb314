package com.flightbooking.booking.api;

import java.util.List;
import java.util.Map;

import com.flightbooking.events.EventCodec;
import com.flightbooking.events.EventEnvelope;
import com.flightbooking.events.EventType;
import com.flightbooking.events.testing.SpyQueue;
import com.flightbooking.kit.messaging.MessageAttributes;
import com.flightbooking.kit.messaging.TopicArn;

import software.amazon.awssdk.services.sns.SnsAsyncClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/** The booking topic as booking-api's tests use it: publish a worker's event, read the status changes announced. */
public final class TopicEvents {

    private TopicEvents() {
    }

    /** Publishes the event as a worker's outbox relay would, with the attributes the roles' filters read. */
    public static void publish(SnsAsyncClient sns, TopicArn topicArn, EventCodec codec, EventEnvelope event) {
        sns.publish(r -> r.topicArn(topicArn.get()).message(codec.encode(event)).messageAttributes(Map.of(
                MessageAttributes.TYPE, string(event.type().ceType()),
                MessageAttributes.ID, string(event.id().toString()),
                MessageAttributes.SUBJECT, string(event.subject())))).join();
    }

    /** The BookingStatusChanged events about the booking that the spy has received so far. */
    public static List<EventEnvelope> statusChanges(SpyQueue spy, EventCodec codec, String bookingId) {
        return spy.pollFor(bookingId).stream().map(m -> codec.decode(m.body()))
                .filter(e -> e.type() == EventType.BOOKING_STATUS_CHANGED).toList();
    }

    private static MessageAttributeValue string(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
