package com.flightbooking.workers.admin;

import java.util.List;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import com.flightbooking.kit.consumer.DeadLetters;
import com.flightbooking.kit.messaging.MessagingConfig;
import com.flightbooking.kit.security.Roles;

import io.smallrye.common.annotation.Blocking;

/**
 * Ops endpoints for a role's dead-letter queue. Served on the workers' own port, which is internal: do not expose
 * it beyond the cluster.
 */
@Path("/admin/dlq/{role}")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
@RolesAllowed(Roles.OPS)
public class DeadLetterResource {

    private static final String ROLE = "[a-z][a-z0-9-]{0,63}";
    private static final String ROLE_MESSAGE = "must be a role's name: lower-case letters, digits and '-'";
    private static final String BOOKING_ID_MESSAGE = "must be a booking id (a UUID)";
    private static final String UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    private final DeadLetters deadLetters;
    private final MessagingConfig messaging;

    DeadLetterResource(DeadLetters deadLetters, MessagingConfig messaging) {
        this.deadLetters = deadLetters;
        this.messaging = messaging;
    }

    /** Some messages of the role's DLQ (SQS cannot peek: see {@link DeadLetters}), optionally of given bookings. */
    @GET
    public DeadLetters.Page list(@PathParam("role") @Pattern(regexp = ROLE, message = ROLE_MESSAGE) String role,
            @QueryParam("bookingId") Set<@Pattern(regexp = UUID, message = BOOKING_ID_MESSAGE) String> bookingIds,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(DeadLetters.MAX_SCAN) int limit) {
        return deadLetters.list(knownRole(role), bookingIds, limit);
    }

    /**
     * Moves at most {@code max} messages back to the role's queue, {@code batchSize} at a time: those about the
     * given bookings, or any when none is given. The answer names what moved and what may be left.
     */
    @POST
    @Path("/redrive")
    public DeadLetters.Redrive redrive(@PathParam("role") @Pattern(regexp = ROLE, message = ROLE_MESSAGE) String role,
            @QueryParam("bookingId") Set<@Pattern(regexp = UUID, message = BOOKING_ID_MESSAGE) String> bookingIds,
            @QueryParam("batchSize") @DefaultValue("10") @Min(1) @Max(DeadLetters.MAX_BATCH) int batchSize,
            @QueryParam("max") @DefaultValue("100") @Min(1) @Max(DeadLetters.MAX_SCAN) int max) {
        return deadLetters.redrive(knownRole(role), bookingIds, batchSize, max);
    }

    private String knownRole(String role) {
        if (!messaging.roles().orElse(List.of()).contains(role)) {
            throw new NotFoundException("No role " + role + " in this process");
        }
        return role;
    }
}
