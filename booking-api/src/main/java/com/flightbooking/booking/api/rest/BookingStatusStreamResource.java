package com.flightbooking.booking.api.rest;

import java.util.UUID;

import jakarta.ws.rs.GET;
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
import org.jboss.resteasy.reactive.RestStreamElementType;

import com.flightbooking.booking.api.ratelimit.RateLimitPolicy;
import com.flightbooking.booking.api.ratelimit.RateLimited;
import com.flightbooking.booking.api.ratelimit.StreamCap;
import com.flightbooking.booking.api.ratelimit.StreamPlaces;
import com.flightbooking.booking.api.status.BookingStatusStream;
import com.flightbooking.booking.api.status.BookingStatusUpdate;
import com.flightbooking.booking.api.status.StatusStreamConfig;
import com.flightbooking.kit.problem.Problem;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Multi;

@Path("/bookings/{id}/status-stream")
@Authenticated
@Tag(name = "Bookings")
@APIResponse(responseCode = "401", description = "No bearer token, or one that is not valid", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The token does not allow this request", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class BookingStatusStreamResource {

    static final String EXAMPLE_STREAM = """
            data:{"bookingId":"6f1c2a8e-3b7d-4a55-9c61-0d2e5b8f4a17","status":"PENDING","updatedAt":"2026-11-28T10:00:00Z"}

            data:{"bookingId":"6f1c2a8e-3b7d-4a55-9c61-0d2e5b8f4a17","status":"CONFIRMED","recordLocator":"ABC123","updatedAt":"2026-11-28T10:00:02Z"}
            """;

    private final BookingStatusStream streams;
    private final StatusStreamConfig config;
    private final StreamPlaces places;

    BookingStatusStreamResource(BookingStatusStream streams, StatusStreamConfig config, StreamPlaces places) {
        this.streams = streams;
        this.config = config;
        this.places = places;
    }

    // @formatter:off: one annotation attribute per line reads better than the formatter's single line
    @GET
    @VisibleBooking
    @RateLimited(RateLimitPolicy.STATUS_STREAMS)
    @StreamCap
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Follow a booking's status live",
            description = "Server-Sent Events, one JSON object per event: the status now, then each change as it"
                    + " happens. The stream ends after a final status (CONFIRMED, PAYMENT_DECLINED, FAILED_REFUNDED,"
                    + " CANCELLED or EXPIRED), at once when the booking already has one, and in any case after the"
                    + " configured maximum duration (10 minutes by default); connect again to go on following.")
    @APIResponse(responseCode = "200", description = "The stream of status updates",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS,
                    schema = @Schema(implementation = BookingStatusUpdate.class),
                    examples = @ExampleObject(name = "confirmed", value = EXAMPLE_STREAM)))
    @APIResponse(responseCode = "404", description = "No such booking, or not yours",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = StreamCap.DESCRIPTION,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Multi<BookingStatusUpdate> follow(@PathParam("id") UUID id) {
        // @formatter:on
        return places.heldUntilTerminated(streams.follow(id, config.maxDuration()));
    }
}
