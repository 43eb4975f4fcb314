package com.flightbooking.workers.bookingapi;

import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.flightbooking.events.BookingDetails;
import com.flightbooking.events.Flight;
import com.flightbooking.events.Money;
import com.flightbooking.events.Passenger;
import com.flightbooking.workers.partner.PartnerFailures;
import com.flightbooking.workers.partner.PartnerRejection;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;

/**
 * The booking API's read side, for work that must see a booking's status as it is now rather than as an event
 * (possibly delayed) said it was: the booking API is the one authority on it. The workers call it with their own
 * service token (client credentials; role booking-reader), which reads any booking and changes none. An unknown booking fails
 * with
 * {@link PartnerRejection}; 5xx, 429 and 408 with a retryable failure.
 */
@RegisterRestClient(configKey = "booking-api")
@OidcClientFilter
@Path("/bookings")
public interface BookingApiClient {

    String CONFIRMED = "CONFIRMED";

    /** The API's {@code BookingView}, as far as the workers read it. */
    record BookingView(UUID id, String status, String recordLocator, Passenger passenger, Flight flight, Money fare,
            String corporateAccountId) {

        public boolean isConfirmed() {
            return CONFIRMED.equals(status);
        }

        public BookingDetails details() {
            return new BookingDetails(passenger, flight, fare, corporateAccountId);
        }
    }

    @GET
    @Path("/{id}")
    Uni<BookingView> booking(@PathParam("id") UUID id);

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return PartnerFailures.from("booking API", response, 404);
    }
}
