package com.flightbooking.booking.api.rest;

import static com.flightbooking.booking.api.Customers.asCustomer;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.flightbooking.booking.api.Customers;
import com.flightbooking.events.Flight;
import com.flightbooking.events.Money;
import com.flightbooking.events.Passenger;
import com.flightbooking.events.testing.Bookings;
import com.flightbooking.events.testing.Bookings.Offer;
import com.flightbooking.events.testing.Sql;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The contract the workers rely on when they read a booking (their {@code BookingApiClient}, in the airline check):
 * the real answer of GET /bookings/{id}, decoded the way that client decodes it, into the same shape. The apps are
 * separate modules, so the client class itself cannot run here; {@link WorkersBookingView} mirrors its
 * {@code BookingView} record field for field, with the shared event types it uses. Change both together.
 */
@QuarkusTest
class WorkersClientContractTest {

    /**
     * {@code com.flightbooking.workers.bookingapi.BookingApiClient.BookingView}; the workers ignore the fields they do
     * not read.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record WorkersBookingView(UUID id, String status, String recordLocator, Passenger passenger, Flight flight,
            Money fare, String corporateAccountId) {
    }

    @Inject
    Pool pool;
    @Inject
    ObjectMapper json;

    @Test
    void aConfirmedBookingReadsAsTheWorkersExpectIt() throws Exception {
        Offer offer = Bookings.offer(asCustomer(), "FRA", "JFK", "LH400");
        String email = "contract-" + UUID.randomUUID() + "@example.com";
        String id = asCustomer().contentType(ContentType.JSON)
                .body(Bookings.body(offer.id(), "Ada Lovelace", email, "tok_visa_4242"))
                .when().post("/bookings").then().statusCode(202).extract().path("id");
        Sql.execute(pool, "UPDATE booking SET status = 'CONFIRMED', record_locator = 'CTR001', updated_at = now()"
                + " WHERE id = $1", UUID.fromString(id));

        String answer = Customers.as("workers").when().get("/bookings/" + id).then().statusCode(200)
                .contentType(ContentType.JSON)
                .extract().asString();
        WorkersBookingView read = json.readValue(answer, WorkersBookingView.class);

        assertThat(read).usingRecursiveComparison().withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                .isEqualTo(new WorkersBookingView(UUID.fromString(id), "CONFIRMED", "CTR001",
                        new Passenger("Ada Lovelace", email), new Flight("LH400", "FRA", "JFK", offer.departureTime()),
                        new Money(offer.amount(), offer.currency()), "ACME-001"));
    }
}
