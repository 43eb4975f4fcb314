package com.flightbooking.booking.api.rest;

import static com.flightbooking.booking.api.Customers.asCustomer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.flightbooking.events.testing.Bookings;
import com.flightbooking.events.testing.Bookings.Offer;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** The booking API as a client sees it: HTTP only, so {@link BookingEndpointsIT} runs it against the packaged app. */
@QuarkusTest
class BookingEndpointsTest {

    @Test
    void acceptsABookingAndShowsItAsPending() {
        String marker = UUID.randomUUID().toString();

        Offer offer = Bookings.offer(asCustomer(), "FRA", "JFK", "LH400");

        Response created = asCustomer().contentType(ContentType.JSON)
                .body(Bookings.body(offer.id(), "Ada " + marker, "ada@example.com", "tok_visa_4242"))
                .when().post("/bookings")
                .then().statusCode(202)
                .contentType(ContentType.JSON)
                .header("Location", notNullValue())
                .header("X-Correlation-Id", notNullValue())
                .body("status", equalTo("PENDING"))
                .body("passenger.name", equalTo("Ada " + marker))
                .body("flight.number", equalTo("LH400"))
                .body("fare.amount", equalTo(offer.amount().floatValue()))
                .body("fare.currency", equalTo("EUR"))
                .body("corporateAccountId", equalTo("ACME-001"))
                .extract().response();
        String id = created.path("id");

        assertThat(created.header("Location")).endsWith("/bookings/" + id);
        asCustomer().when().get(created.header("Location"))
                .then().statusCode(200)
                .body("id", equalTo(id))
                .body("status", equalTo("PENDING"))
                .body("passenger.email", equalTo("ada@example.com"));
        assertThat(created.asString()).doesNotContain("tok_visa_4242");
    }

    @Test
    void returnsTheCorrelationIdItWasGiven() {
        asCustomer().contentType(ContentType.JSON).header("X-Correlation-Id", "checkout-42")
                .body(Bookings.valid(UUID.randomUUID().toString()))
                .when().post("/bookings")
                .then().statusCode(202).header("X-Correlation-Id", "checkout-42");
    }

    @Test
    void unknownBookingIsANotFoundProblem() {
        UUID unknown = UUID.randomUUID();
        asCustomer().when().get("/bookings/" + unknown)
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("title", equalTo("Not Found"))
                .body("instance", endsWith("/bookings/" + unknown));
    }

    @Test
    void aMalformedIdIsABadRequestNamingIt() {
        asCustomer().when().get("/bookings/not-a-uuid")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("id"));
    }

    @Test
    void anInvalidRequestIsAProblemNamingTheField() {
        asCustomer().contentType(ContentType.JSON).body(Bookings.valid(UUID.randomUUID().toString(), "4111111111111111"))
                .when().post("/bookings")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("paymentToken"));
    }
}
