package com.flightbooking.booking.api.timeline;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.flightbooking.events.EventEnvelope;
import com.flightbooking.events.QueueRole;
import com.flightbooking.kit.consumer.SqsDelivery;

import io.smallrye.mutiny.Uni;

/**
 * The API's timeline role: every event about a booking, from the role's own queue, becomes a step of the booking's
 * timeline. The delivery tells when the booking's own request was published (the message's SentTimestamp).
 */
@ApplicationScoped
public class BookingTimelineConsumer {

    private final BookingTimeline timeline;

    BookingTimelineConsumer(BookingTimeline timeline) {
        this.timeline = timeline;
    }

    @Incoming(QueueRole.Names.BOOKING_TIMELINE)
    public Uni<Void> consume(EventEnvelope event, SqsDelivery delivery) {
        return timeline.record(event, delivery == null ? null : delivery.sentAt());
    }
}
