package com.flightbooking.workers.airline;

import java.time.LocalDate;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.flightbooking.workers.partner.PartnerApiKey;
import com.flightbooking.workers.partner.PartnerCircuitBreakers;
import com.flightbooking.workers.partner.PartnerFailures;
import com.flightbooking.workers.partner.PartnerRejection;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.faulttolerance.api.ApplyGuard;
import io.smallrye.mutiny.Uni;

/**
 * The airline's booking API: what the airline holds about a booking (by the travel fulfiller's record locator), which
 * it may change in the first minutes after purchase. Read only, so it needs no idempotency key. A booking the airline
 * does not know (404) fails with {@link PartnerRejection}.
 */
@RegisterRestClient(configKey = "airline")
@ClientHeaderParam(name = PartnerApiKey.HEADER, value = "${flights.partners.airline.api-key}")
@Path("/v1/bookings")
public interface AirlineClient {

    record AirlineBooking(String recordLocator, String cabin, boolean loungePass, LocalDate lastTicketingDate) {
    }

    @ApplyGuard(PartnerCircuitBreakers.AIRLINE)
    @GET
    @Path("/{recordLocator}")
    Uni<AirlineBooking> booking(@PathParam("recordLocator") String recordLocator,
            @QueryParam("flight") String flightNumber);

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return PartnerFailures.from("airline", response, 404);
    }
}
