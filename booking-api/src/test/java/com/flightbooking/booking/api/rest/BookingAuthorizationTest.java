package com.flightbooking.booking.api.rest;

import static com.flightbooking.booking.api.Customers.asCustomer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.flightbooking.booking.api.Customers;
import com.flightbooking.events.testing.Bookings;
import com.flightbooking.kit.problem.Problem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Who may do what with a booking (OWASP API1, API2, API5): every endpoint × {anonymous, another customer, the owner,
 * an operator, the workers' service account}, with real tokens from the tests' OIDC server. A stranger's answer is
 * the unknown booking's 404, so it does not confirm that the booking exists.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BookingAuthorizationTest {

    enum Who {
        ANONYMOUS,
        OWNER,
        OTHER_CUSTOMER,
        OPS,
        WORKERS;

        RequestSpecification request() {
            return switch (this) {
                case ANONYMOUS -> RestAssured.given();
                case OWNER -> asCustomer();
                case OTHER_CUSTOMER -> Customers.as("mallory");
                case OPS -> Customers.as("ops");
                case WORKERS -> Customers.as("workers");
            };
        }
    }

    private String owned;

    /** The owner's booking the reads ask for: made once, after the app has started. */
    private String owned() {
        if (owned == null) {
            owned = newBooking();
        }
        return owned;
    }

    static Stream<Arguments> reads() {
        return Stream.of(
                Arguments.of("/bookings/{id}", Who.ANONYMOUS, 401),
                Arguments.of("/bookings/{id}", Who.OTHER_CUSTOMER, 404),
                Arguments.of("/bookings/{id}", Who.OWNER, 200),
                Arguments.of("/bookings/{id}", Who.OPS, 200),
                Arguments.of("/bookings/{id}", Who.WORKERS, 200),
                Arguments.of("/bookings/{id}/timeline", Who.ANONYMOUS, 401),
                Arguments.of("/bookings/{id}/timeline", Who.OTHER_CUSTOMER, 404),
                Arguments.of("/bookings/{id}/timeline", Who.OWNER, 200),
                Arguments.of("/bookings/{id}/timeline", Who.OPS, 200),
                Arguments.of("/bookings/{id}/status-stream", Who.ANONYMOUS, 401),
                Arguments.of("/bookings/{id}/status-stream", Who.OTHER_CUSTOMER, 404),
                Arguments.of("/bookings", Who.ANONYMOUS, 401),
                Arguments.of("/bookings", Who.OTHER_CUSTOMER, 200),
                Arguments.of("/bookings", Who.OWNER, 200),
                Arguments.of("/offers?origin=FRA&destination=JFK&date=" + java.time.LocalDate.now().plusDays(30),
                        Who.ANONYMOUS, 401));
    }

    @ParameterizedTest(name = "GET {0} as {1} → {2}")
    @MethodSource("reads")
    void reading(String path, Who who, int status) {
        var response = who.request().when().get(path.replace("{id}", owned())).then().statusCode(status);
        if (status >= 400) {
            response.contentType(Problem.MEDIA_TYPE);
        }
    }

    static Stream<Arguments> cancels() {
        return Stream.of(
                Arguments.of(Who.ANONYMOUS, 401),
                Arguments.of(Who.OTHER_CUSTOMER, 404),
                Arguments.of(Who.WORKERS, 403),
                Arguments.of(Who.OWNER, 202),
                Arguments.of(Who.OPS, 202));
    }

    @ParameterizedTest(name = "POST /bookings/'{id}'/cancel as {0} → {1}")
    @MethodSource("cancels")
    void cancelling(Who who, int status) {
        String id = newBooking();

        who.request().when().post("/bookings/" + id + "/cancel").then().statusCode(status);

        asCustomer().when().get("/bookings/" + id).then()
                .body("status", equalTo(status == 202 ? "CANCELLED" : "PENDING"));
    }

    @Test
    void anonymousCannotBookAndGetsABearerChallenge() {
        RestAssured.given().contentType(ContentType.JSON).body(Bookings.valid(UUID.randomUUID().toString()))
                .when().post("/bookings")
                .then().statusCode(401).contentType(Problem.MEDIA_TYPE)
                .header("WWW-Authenticate", startsWith("Bearer"));
    }

    @Test
    void aTokenThatDoesNotVerifyIsRefused() {
        RestAssured.given().auth().oauth2("eyJhbGciOiJub25lIn0.eyJzdWIiOiJhbGljZSJ9.")
                .when().get("/bookings/" + owned())
                .then().statusCode(401).contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void aBookingOnACorporateAccountNeedsTheAccountInTheToken() {
        Customers.as("mallory").contentType(ContentType.JSON).body(Bookings.valid(UUID.randomUUID().toString()))
                .when().post("/bookings")
                .then().statusCode(403).contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("https://flightbooking.dev/problems/corporate-account-not-allowed"));
    }

    @Test
    void aCustomerListsOnlyTheirOwnBookingsNewestFirst() {
        String newer = newBooking();

        List<String> alices = asCustomer().queryParam("size", 100).when().get("/bookings")
                .then().statusCode(200).extract().path("items.id");
        List<String> mallorys = Customers.as("mallory").when().get("/bookings")
                .then().statusCode(200).extract().path("items.id");

        assertThat(alices).contains(owned(), newer);
        assertThat(alices.indexOf(newer)).isLessThan(alices.indexOf(owned()));
        assertThat(mallorys).doesNotContain(owned(), newer);
    }

    @Test
    void theListIsPaginated() {
        String pager = "pager-" + UUID.randomUUID();
        List<String> booked = Stream.of(1, 2, 3).map(n -> Customers.as(pager).contentType(ContentType.JSON)
                .body(personal(Bookings.valid(UUID.randomUUID().toString()))).when().post("/bookings")
                .then().statusCode(202).extract().<String> path("id")).toList();

        String next = Customers.as(pager).queryParam("size", 2).when().get("/bookings")
                .then().statusCode(200).body("items.id", equalTo(List.of(booked.get(2), booked.get(1))))
                .body("next", equalTo("/bookings?page=1&size=2"))
                .extract().path("next");
        Customers.as(pager).when().get(next).then().statusCode(200).body("page", equalTo(1))
                .body("items.id", equalTo(List.of(booked.get(0)))).body("next", equalTo(null));
        asCustomer().queryParam("size", 101).when().get("/bookings").then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void anIdempotencyKeyIsTheCustomersOwn() {
        String key = "shared-" + UUID.randomUUID();

        String alices = asCustomer().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(Bookings.valid(key)).when().post("/bookings").then().statusCode(202).extract().path("id");
        // Another customer's request under the same key is a booking of its own, not a reuse of alice's key (422).
        String mallorys = Customers.as("mallory").contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(personal(Bookings.valid(key))).when().post("/bookings").then().statusCode(202).extract()
                .path("id");

        assertThat(mallorys).isNotEqualTo(alices);
    }

    /** The body without the corporate account, which only alice's token names. */
    private static String personal(String body) {
        return body.replace("\"corporateAccountId\": \"ACME-001\"", "\"corporateAccountId\": null");
    }

    private static String newBooking() {
        return asCustomer().contentType(ContentType.JSON).body(Bookings.valid(UUID.randomUUID().toString()))
                .when().post("/bookings").then().statusCode(202).extract().path("id");
    }
}
