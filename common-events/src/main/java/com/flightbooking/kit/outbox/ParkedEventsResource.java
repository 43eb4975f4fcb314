package com.flightbooking.kit.outbox;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.flightbooking.kit.outbox.ParkedEvents.Page;
import com.flightbooking.kit.problem.Problem;
import com.flightbooking.kit.problem.ProblemException;
import com.flightbooking.kit.security.Roles;

import io.smallrye.mutiny.Uni;

/**
 * Operators' view of the app's parked outbox events (both apps serve it, on their API port, for role ops): list them,
 * and hand them back to the relay once what made SNS refuse them is fixed.
 */
@Path("/admin/outbox/parked")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.OPS)
@Tag(name = "Operations", description = "For role ops")
@APIResponse(responseCode = "401", description = "No bearer token, or one that is not valid", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The token does not have role ops", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ParkedEventsResource {

    private final ParkedEvents parked;

    ParkedEventsResource(ParkedEvents parked) {
        this.parked = parked;
    }

    /** How many events a retry put back in the relay's hands. */
    public record Retried(int retried) {
    }

    @GET
    @Operation(summary = "List parked outbox events", description = "Events the relay stopped publishing after SNS"
            + " refused them flights.outbox.relay.park-after times, oldest first, a page at a time; next is the after"
            + " of the following page. Bodies are never shown.")
    @APIResponse(responseCode = "200", description = "A page of parked events")
    @APIResponse(responseCode = "400", description = "after or limit out of range", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Page> list(
            @Parameter(description = "The next of the previous page; 0 for the first") @QueryParam("after") @DefaultValue("0") @Min(value = 0, message = "must be 0 or more") long after,
            @QueryParam("limit") @DefaultValue("50") @Min(value = 1, message = "must be between 1 and 500") @Max(value = 500, message = "must be between 1 and 500") int limit) {
        return parked.list(after, limit);
    }

    @POST
    @Path("/retry")
    @Operation(summary = "Retry every parked outbox event", description = "Un-parks them all: the relay publishes"
            + " them again now, and parks again what SNS keeps refusing.")
    @APIResponse(responseCode = "200", description = "How many were un-parked (0 when none was parked)")
    public Uni<Retried> retryAll() {
        return parked.retryAll().map(Retried::new);
    }

    @POST
    @Path("/{eventId}/retry")
    @Operation(summary = "Retry one parked outbox event", description = "Un-parks the event: the relay publishes it"
            + " again now.")
    @APIResponse(responseCode = "200", description = "Un-parked")
    @APIResponse(responseCode = "400", description = "eventId is not a UUID", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No parked event with this id", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Retried> retry(@PathParam("eventId") UUID eventId) {
        return parked.retry(eventId).map(retried -> {
            if (retried == 0) {
                throw new ProblemException(404, null, "No parked event " + eventId + ".");
            }
            return new Retried(retried);
        });
    }
}
