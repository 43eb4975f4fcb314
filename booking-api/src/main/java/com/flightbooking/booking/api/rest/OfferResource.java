package com.flightbooking.booking.api.rest;

import java.time.LocalDate;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.flightbooking.booking.api.service.OfferService;
import com.flightbooking.kit.problem.Problem;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

@Path("/offers")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Offers", description = "Priced flights, as the travel fulfiller sells them, to book by id")
@APIResponse(responseCode = "401", description = "No bearer token, or one that is not valid", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The token does not allow this request", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class OfferResource {

    static final String EXAMPLE_OFFERS = """
            {"offers": [{"id": "6f1c2b7e-3d0a-4c55-9a8e-2b1f0c9d4e21",
              "flight": {"number": "LH400", "origin": "FRA", "destination": "JFK", "departureTime": "2027-06-01T10:05:00Z"},
              "cabin": "ECONOMY", "price": {"amount": 562.35, "currency": "EUR"}, "expiresAt": "2027-05-20T09:20:00Z"}]}""";

    private final OfferService offers;

    OfferResource(OfferService offers) {
        this.offers = offers;
    }

    // @formatter:off: one annotation attribute per line reads better than the formatter's single line
    @GET
    @Operation(summary = "Find priced offers",
            description = "The travel fulfiller's offers for a route and day, per flight and cabin. Book one by its id"
                    + " (POST /bookings, offerId): the booking is charged the offer's price. An offer books once,"
                    + " until expiresAt (about 20 minutes).")
    @APIResponse(responseCode = "200", description = "The offers, none when nothing flies the route that day",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OffersView.class),
                    examples = @ExampleObject(name = "offers", value = EXAMPLE_OFFERS)))
    @APIResponse(responseCode = "400", description = "A missing or invalid parameter (each named)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The travel fulfiller did not answer; try again shortly",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<OffersView> search(
            @Parameter(description = "IATA airport code", example = "FRA")
            @QueryParam("origin") @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be a three-letter IATA airport code")
            String origin,
            @Parameter(description = "IATA airport code", example = "JFK")
            @QueryParam("destination") @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be a three-letter IATA airport code")
            String destination,
            @Parameter(description = "Day of departure (UTC)", example = "2027-06-01")
            @QueryParam("date") @NotNull @BookableDeparture LocalDate date,
            @Parameter(description = "One cabin; all when absent")
            @QueryParam("cabin") @Pattern(regexp = "ECONOMY|PREMIUM_ECONOMY|BUSINESS", message = "must be ECONOMY, PREMIUM_ECONOMY or BUSINESS")
            String cabin) {
        // @formatter:on
        return offers.search(origin, destination, date, cabin).map(OffersView::of);
    }
}
