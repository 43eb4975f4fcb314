package com.flightbooking.booking.api.status;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.flightbooking.booking.api.service.BookingLifecycle;
import com.flightbooking.events.EventEnvelope;
import com.flightbooking.events.QueueRole;

import io.smallrye.mutiny.Uni;

/** The API's own role: the workers' outcome events, from the API's own queue, move bookings to their final status. */
@ApplicationScoped
public class BookingOutcomeConsumer {

    private final BookingLifecycle lifecycle;

    BookingOutcomeConsumer(BookingLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Incoming(QueueRole.Names.BOOKING_STATUS)
    public Uni<Void> consume(EventEnvelope event) {
        return lifecycle.apply(event);
    }
}
