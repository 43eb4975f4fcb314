package com.flightbooking.workers.fulfilment;

import java.time.Instant;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.flightbooking.workers.partner.PartnerApiKey;
import com.flightbooking.workers.partner.PartnerCircuitBreakers;
import com.flightbooking.workers.partner.PartnerFailures;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.faulttolerance.api.ApplyGuard;
import io.smallrye.mutiny.Uni;

/** The travel fulfiller's HTTP API: books and cancels seats, each call with an idempotency key. */
@RegisterRestClient(configKey = "travel-fulfiller")
@ClientHeaderParam(name = PartnerApiKey.HEADER, value = "${flights.partners.travel-fulfiller.api-key}")
@Path("/v1/reservations")
public interface TravelFulfillerClient {

    String IDEMPOTENCY_KEY = "Idempotency-Key";

    record ReservationRequest(String reference, Flight flight, Passenger passenger) {
    }

    record Flight(String number, String origin, String destination, Instant departureTime) {
    }

    record Passenger(String name) {
    }

    record ReservationResponse(String recordLocator, String status) {
    }

    @ApplyGuard(PartnerCircuitBreakers.TRAVEL_FULFILLER)
    @POST
    Uni<ReservationResponse> reserve(@HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey, ReservationRequest request);

    @ApplyGuard(PartnerCircuitBreakers.TRAVEL_FULFILLER)
    @DELETE
    @Path("/{recordLocator}")
    Uni<Void> cancel(@HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey, @PathParam("recordLocator") String recordLocator);

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return PartnerFailures.from("travel fulfiller", response, 409);
    }
}
