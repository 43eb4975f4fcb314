package com.flightbooking.events.testing;

import static io.restassured.RestAssured.given;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import com.flightbooking.localinfra.LocalTokens;

import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.specification.RequestSpecification;

/**
 * Bookings as a customer makes them: an offer found with {@code GET /offers}, then booked by its id. The partner
 * simulator's schedule flies LH400 from FRA to JFK every day; bodies carry a marker that lets a test find exactly its
 * own rows.
 */
public final class Bookings {

    /** An offer as the API handed it out, its price exactly as written ({@code 537.90}). */
    public record Offer(String id, String flightNumber, Instant departureTime, BigDecimal amount, String currency) {
    }

    private Bookings() {
    }

    /** A valid body booking a fresh LH400 offer from the API RestAssured points at (a {@code @QuarkusTest}'s). */
    public static String valid(String marker) {
        return valid(marker, "tok_visa_4242");
    }

    public static String valid(String marker, String paymentToken) {
        return ofFreshOffer(given().auth().oauth2(LocalTokens.customer("offer-shopper")), "Ada " + marker,
                "ada@example.com", paymentToken);
    }

    /** A body booking a fresh LH400 offer from the API {@code api} names. */
    public static String ofFreshOffer(RequestSpecification api, String passengerName, String email,
            String paymentToken) {
        return body(offer(api, "FRA", "JFK", "LH400").id(), passengerName, email, paymentToken);
    }

    /** A fresh economy offer for the flight, 30 days ahead, from the API {@code api} names. */
    public static Offer offer(RequestSpecification api, String origin, String destination, String flightNumber) {
        String answer = api.queryParam("origin", origin).queryParam("destination", destination)
                .queryParam("date", LocalDate.now(ZoneOffset.UTC).plusDays(30).toString())
                .queryParam("cabin", "ECONOMY")
                .when().get("/offers")
                .then().statusCode(200).extract().asString();
        Map<String, Object> offer = JsonPath.from(answer)
                .using(new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL))
                .getMap("offers.find { it.flight.number == '%s' }".formatted(flightNumber));
        if (offer == null) {
            throw new AssertionError("No offer for " + flightNumber + " from " + origin + " to " + destination
                    + ": " + answer);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> flight = (Map<String, Object>) offer.get("flight");
        @SuppressWarnings("unchecked")
        Map<String, Object> price = (Map<String, Object>) offer.get("price");
        return new Offer((String) offer.get("id"), flightNumber, Instant.parse((String) flight.get("departureTime")),
                (BigDecimal) price.get("amount"), (String) price.get("currency"));
    }

    /** A body booking the offer for {@code passengerName} ({@code email}), paid with {@code paymentToken}. */
    public static String body(String offerId, String passengerName, String email, String paymentToken) {
        return """
                {
                  "offerId": "%s",
                  "passenger": {"name": "%s", "email": "%s"},
                  "paymentToken": "%s",
                  "corporateAccountId": "ACME-001"
                }""".formatted(offerId, passengerName, email, paymentToken);
    }
}
