package com.flightbooking.booking.api.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.flightbooking.events.testing.Bookings;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** The booking API as a client sees it: HTTP only, so {@link BookingEndpointsIT} runs it against the packaged app. */
@QuarkusTest
class BookingEndpointsTest {

    @Test
    void acceptsABookingAndShowsItAsPending() {
        String marker = UUID.randomUUID().toString();

        Response created = given().contentType(ContentType.JSON).body(Bookings.valid(marker))
                .when().post("/bookings")
                .then().statusCode(202)
                .contentType(ContentType.JSON)
                .header("Location", notNullValue())
                .header("X-Correlation-Id", notNullValue())
                .body("status", equalTo("PENDING"))
                .body("passenger.name", equalTo("Ada " + marker))
                .body("flight.number", equalTo("LH1234"))
                .body("fare.amount", equalTo(499.90f))
                .body("fare.currency", equalTo("EUR"))
                .body("corporateAccountId", equalTo("ACME-001"))
                .extract().response();
        String id = created.path("id");

        assertThat(created.header("Location")).endsWith("/bookings/" + id);
        given().when().get(created.header("Location"))
                .then().statusCode(200)
                .body("id", equalTo(id))
                .body("status", equalTo("PENDING"))
                .body("passenger.email", equalTo("ada@example.com"));
        assertThat(created.asString()).doesNotContain("tok_visa_4242");
    }

    @Test
    void returnsTheCorrelationIdItWasGiven() {
        given().contentType(ContentType.JSON).header("X-Correlation-Id", "checkout-42")
                .body(Bookings.valid(UUID.randomUUID().toString()))
                .when().post("/bookings")
                .then().statusCode(202).header("X-Correlation-Id", "checkout-42");
    }

    @Test
    void unknownBookingIsANotFoundProblem() {
        UUID unknown = UUID.randomUUID();
        given().when().get("/bookings/" + unknown)
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("title", equalTo("Not Found"))
                .body("instance", endsWith("/bookings/" + unknown));
    }

    @Test
    void aMalformedIdIsABadRequestNamingIt() {
        given().when().get("/bookings/not-a-uuid")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("id"));
    }

    @Test
    void anInvalidRequestIsAProblemNamingTheField() {
        given().contentType(ContentType.JSON).body(Bookings.valid(UUID.randomUUID().toString(), "4111111111111111"))
                .when().post("/bookings")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("paymentToken"));
    }
}
