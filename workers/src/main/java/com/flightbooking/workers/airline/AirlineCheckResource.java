package com.flightbooking.workers.airline;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.flightbooking.kit.problem.ProblemException;
import com.flightbooking.kit.security.Roles;
import com.flightbooking.workers.partner.PartnerUnavailable;

import io.smallrye.mutiny.Uni;

/**
 * Runs a booking's airline check now instead of after the airline-check queue's delay (ops, a local run): reads the
 * booking from the booking API and, when it is confirmed, asks the airline and records the answer, announcing
 * {@code AirlineInfoUpdated} when it is news. Runs whatever roles this process consumes. Served on the workers'
 * internal port.
 */
@Path("/admin/airline-check/{bookingId}")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.OPS)
public class AirlineCheckResource {

    private final AirlineCheckService checks;

    AirlineCheckResource(AirlineCheckService checks) {
        this.checks = checks;
    }

    /** What the check recorded; {@code updated} when it announced news (an upgrade, a lounge pass, a date). */
    public record Checked(UUID bookingId, String bookingStatus, String recordLocator, String cabin, boolean loungePass,
            LocalDate lastTicketingDate, Instant checkedAt, boolean updated) {
    }

    /** A partner that is down is a bad gateway here: ops may try again later. */
    @POST
    public Uni<Checked> check(@PathParam("bookingId") UUID bookingId) {
        return checks.now(bookingId)
                .onFailure(PartnerUnavailable.class)
                .transform(down -> new ProblemException(502, null, down.getMessage()))
                .map(outcome -> checked(bookingId, outcome));
    }

    private static Checked checked(UUID bookingId, AirlineCheckService.Outcome outcome) {
        if (!outcome.bookingKnown()) {
            throw new NotFoundException("The booking API knows no booking " + bookingId);
        }
        if (outcome.recorded() == null) {
            throw new ClientErrorException("Booking " + bookingId + " is " + outcome.bookingStatus()
                    + ": only confirmed bookings are checked with the airline", Response.Status.CONFLICT);
        }
        AirlineCheck check = outcome.recorded().check();
        return new Checked(bookingId, outcome.bookingStatus(), check.recordLocator, check.cabin, check.loungePass,
                check.lastTicketingDate, check.checkedAt, outcome.recorded().updated());
    }
}
