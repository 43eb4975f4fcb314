package com.flightbooking.workers.airline;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.flightbooking.events.BookingStatusChanged;
import com.flightbooking.events.EventEnvelope;
import com.flightbooking.events.QueueRole;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * The airline-check role. Its queue is an SQS delay queue
 * ({@code flights.messaging.provisioning.queue-delay."airline-check"}, 5 minutes), so a booking's confirmation arrives
 * here only after the airline has had time to add what it adds in the first minutes: no timers of our own. Other
 * statuses are ignored; a booking cancelled meanwhile is found so at the booking API and skipped.
 */
@ApplicationScoped
public class AirlineCheckConsumer {

    private final AirlineCheckService checks;

    AirlineCheckConsumer(AirlineCheckService checks) {
        this.checks = checks;
    }

    @Incoming(QueueRole.Names.AIRLINE_CHECK)
    public Uni<Void> consume(EventEnvelope event) {
        return switch (event.type()) {
            case BOOKING_STATUS_CHANGED -> statusChanged(event, event.dataAs(BookingStatusChanged.class));
            default -> Uni.createFrom().voidItem();
        };
    }

    private Uni<Void> statusChanged(EventEnvelope event, BookingStatusChanged changed) {
        if (changed.status() != BookingStatusChanged.Status.CONFIRMED) {
            Log.debugf("Airline check ignores booking %s %s", changed.bookingId(), changed.status());
            return Uni.createFrom().voidItem();
        }
        return checks.afterConfirmation(event, changed.bookingId());
    }
}
