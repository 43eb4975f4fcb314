package com.flightbooking.booking.api.fulfiller;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;

/** The travel fulfiller's offer search: priced offers for a route and day, per flight and cabin. */
@RegisterRestClient(configKey = "travel-fulfiller")
@ClientHeaderParam(name = "X-Api-Key", value = "${flights.partners.travel-fulfiller.api-key}")
@Path("/v1/offers")
public interface TravelFulfillerClient {

    // The partner may add fields; the API refuses unknown ones only from its own clients.
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Offers(List<FulfillerOffer> offers) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record FulfillerOffer(String id, Flight flight, String cabin, Price price, Instant expiresAt) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Flight(String number, String origin, String destination, Instant departureTime) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Price(BigDecimal amount, String currency) {
    }

    /** @param cabin one cabin, or null for all */
    @GET
    Uni<Offers> search(@QueryParam("origin") String origin, @QueryParam("destination") String destination,
            @QueryParam("date") LocalDate date, @QueryParam("cabin") String cabin);

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return new FulfillerUnavailableException("answered " + response.getStatus());
    }
}
