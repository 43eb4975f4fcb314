package com.flightbooking.booking.api.rest;

import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.flightbooking.booking.api.timeline.BookingTimeline;
import com.flightbooking.kit.problem.Problem;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

@Path("/bookings/{id}/timeline")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Bookings")
@APIResponse(responseCode = "401", description = "No bearer token, or one that is not valid", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The token does not allow this request", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class BookingTimelineResource {

    static final String EXAMPLE_TIMELINE = """
            {"bookingId": "5d1f0c9a-3b7e-4f7a-8c2d-9e4b6a1f3c55", "status": "CONFIRMED", "steps": [
             {"at": "2026-11-28T10:15:30.120Z", "service": "/booking-api", "eventType": "com.flightbooking.booking.requested.v1", "step": "requested", "outcome": "LH400 FRA-JFK, 499.90 EUR"},
             {"at": "2026-11-28T10:15:30.141Z", "service": "/booking-api", "eventType": "com.flightbooking.booking.requested.v1", "step": "published", "outcome": "published to the topic"},
             {"at": "2026-11-28T10:15:30.402Z", "service": "/workers/payment", "eventType": "com.flightbooking.payment.charged.v1", "step": "charged", "outcome": "charged 499.90 EUR"},
             {"at": "2026-11-28T10:15:30.455Z", "service": "/workers/ledger", "eventType": "com.flightbooking.ledger.entry-recorded.v1", "step": "recorded", "outcome": "CHARGE 499.90 EUR"},
             {"at": "2026-11-28T10:15:30.610Z", "service": "/workers/fulfilment", "eventType": "com.flightbooking.fulfilment.completed.v1", "step": "fulfilled", "outcome": "record locator 5D1F0C"},
             {"at": "2026-11-28T10:15:30.660Z", "service": "/booking-api", "eventType": "com.flightbooking.booking.status-changed.v1", "step": "status changed", "outcome": "CONFIRMED"},
             {"at": "2026-11-28T10:15:30.790Z", "service": "/workers/notification", "eventType": "com.flightbooking.notification.customer-notified.v1", "step": "emailed", "outcome": "email sent: confirmation"}]}""";

    private final BookingTimeline timeline;

    BookingTimelineResource(BookingTimeline timeline) {
        this.timeline = timeline;
    }

    // @formatter:off: one annotation attribute per line reads better than the formatter's single line
    @GET
    @VisibleBooking
    @Operation(summary = "Follow a booking step by step", description = "Every step the booking went through so far, in"
            + " time order, each with the service that did it, its event type and outcome: requested, published, charged"
            + " or declined, recorded in the ledger, fulfilled, status changed, emailed, refunded, cancelled. Steps"
            + " appear as the services report them, usually within a second of each other.")
    @APIResponse(responseCode = "200", description = "The booking's current status and its steps",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = BookingTimelineView.class),
                    examples = @ExampleObject(name = "confirmed", value = EXAMPLE_TIMELINE)))
    @APIResponse(responseCode = "404", description = "No such booking, or not yours",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<BookingTimelineView> get(@PathParam("id") UUID id) {
        // @formatter:on
        return timeline.find(id)
                .onItem().ifNull().failWith(() -> new NotFoundException("No booking " + id))
                .map(BookingTimelineView::of);
    }
}
