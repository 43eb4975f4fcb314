package com.flightbooking.booking.api.rest;

import static com.flightbooking.booking.api.Customers.asCustomer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.flightbooking.booking.api.Customers;
import com.flightbooking.events.testing.Bookings;
import com.flightbooking.events.testing.Sql;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;

/** Every bad request gets a 4xx problem and leaves no booking and no event behind. */
@QuarkusTest
class BadRequestTest {

    @Inject
    Pool pool;

    @TestHTTPResource("/bookings")
    URI bookings;

    private String marker;

    @BeforeEach
    void newMarker() {
        marker = UUID.randomUUID().toString();
    }

    /**
     * Each request carries the marker as its Idempotency-Key and correlation id too, so that a booking or an event
     * written for it would be found even when its body holds no marker (no passenger, no name, no body at all).
     */
    @AfterEach
    void nothingWasWritten() {
        assertThat(Sql.count(pool, "SELECT count(*) FROM booking WHERE idempotency_key = $1 OR passenger_name LIKE $2",
                marker, "%" + marker + "%")).isZero();
        assertThat(Sql.count(pool, "SELECT count(*) FROM outbox WHERE correlation_id = $1 OR body LIKE $2", marker,
                "%" + marker + "%")).isZero();
    }

    /** A POST /bookings request that names the marker in its headers. */
    private RequestSpecification request() {
        return asCustomer().header("Idempotency-Key", marker).header("X-Correlation-Id", marker);
    }

    /** Like {@link #request()}, with {@code value} instead of the marker in {@code header}. */
    private RequestSpecification requestWith(String header, String value) {
        String other = header.equals("Idempotency-Key") ? "X-Correlation-Id" : "Idempotency-Key";
        return asCustomer().header(header, value).header(other, marker);
    }

    static Stream<Arguments> invalidFields() {
        return Stream.of(
                invalid("passenger.email", b -> b.replace("ada@example.com", "not-an-email")),
                invalid("passenger.name", b -> b.replaceFirst("\"name\": \"[^\"]*\"", "\"name\": \"   \"")),
                invalid("passenger", b -> b.replaceFirst("\"passenger\": \\{[^}]*},", "")),
                invalid("offerId", b -> b.replaceFirst("\"offerId\": \"[^\"]*\",", "")),
                invalid("paymentToken", b -> b.replace("tok_visa_4242", "")),
                invalid("paymentToken", b -> b.replace("tok_visa_4242", "tok visa!")),
                invalid("corporateAccountId", b -> b.replace("ACME-001", "ACME 001; DROP TABLE")),
                invalid("paymentToken", b -> b.replace("tok_visa_4242", "4111_1111_1111_1111")),
                invalid("paymentToken", b -> b.replace("tok_visa_4242", "4111.1111.1111.1111")),
                invalid("corporateAccountId", b -> b.replace("ACME-001", "4111111111111111")),
                invalid("passenger.name", b -> b.replace("\"Ada ", "\"4111 1111 1111 1111 ")),
                invalid("passenger.email", b -> b.replace("ada@example.com", "4111111111111111@example.com")),
                invalid("passenger.name", b -> b.replace("\"Ada ", "\"Ada\\u0000 ")),
                invalid("passenger.name", b -> b.replace("\"Ada ", "\"Ada\\u0007 ")),
                invalid("passenger.name", b -> b.replace("\"Ada ", "\"Ada\\u202E ")),
                invalid("passenger.name", b -> b.replace("\"Ada ", "\"Ada\\u2066 ")),
                invalid("passenger.email", b -> b.replace("ada@example.com", "ada\\u0000@example.com")));
    }

    private static Arguments invalid(String field, UnaryOperator<String> mutation) {
        return Arguments.of(field, mutation);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidFields")
    void anInvalidFieldIsNamedInTheProblem(String field, UnaryOperator<String> mutation) {
        request().contentType(ContentType.JSON).body(mutation.apply(Bookings.valid(marker)))
                .when().post("/bookings")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("type", equalTo("https://flightbooking.dev/problems/validation"))
                .body("errors.field", hasItem(field));
    }

    @Test
    void aCardNumberIsRefusedAndNeverEchoed() {
        request().contentType(ContentType.JSON).body(Bookings.valid(marker, "4111 1111 1111 1111"))
                .when().post("/bookings")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("paymentToken"))
                .body("errors.message", hasItem("must be a payment processor token, not a card number"))
                .body(not(containsString("4111")));
    }

    @Test
    void malformedJsonIsABadRequest() {
        request().contentType(ContentType.JSON).body(Bookings.valid(marker).replace("},", "}"))
                .when().post("/bookings")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://flightbooking.dev/problems/malformed-json"));
    }

    @Test
    void aWronglyTypedFieldIsABadRequest() {
        request().contentType(ContentType.JSON).body(Bookings.valid(marker)
                .replaceFirst("\"offerId\": \"[^\"]*\"", "\"offerId\": \"the cheapest\""))
                .when().post("/bookings")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("offerId"));
    }

    /** The price is the offer's: a client stating its own is refused, not silently ignored. */
    @Test
    void aFareIsAnUnknownFieldAndRefused() {
        request().contentType(ContentType.JSON)
                .body(Bookings.valid(marker).replace("\"passenger\"",
                        "\"fare\": {\"amount\": 0.01, \"currency\": \"EUR\"}, \"passenger\""))
                .when().post("/bookings")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("fare"))
                .body("errors.message", hasItem("is not a field of this request"));
    }

    @Test
    void aMissingBodyIsABadRequest() {
        request().contentType(ContentType.JSON)
                .when().post("/bookings")
                .then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void aBodyThatIsNotJsonIsAnUnsupportedMediaType() {
        request().contentType(ContentType.TEXT).body(Bookings.valid(marker))
                .when().post("/bookings")
                .then().statusCode(415)
                .contentType("application/problem+json")
                .body("status", equalTo(415));
    }

    @Test
    void aMethodTheResourceDoesNotAllowIsAProblem() {
        asCustomer().contentType(ContentType.JSON).body(Bookings.valid(marker))
                .when().put("/bookings")
                .then().statusCode(405)
                .contentType("application/problem+json")
                .body("status", equalTo(405))
                .body("title", equalTo("Method Not Allowed"));
    }

    @Test
    void anOversizedBodyIsRefused() {
        String padding = "x".repeat(70 * 1024);
        request().contentType(ContentType.JSON).body(Bookings.valid(marker).replace("\"Ada ", "\"Ada " + padding))
                .when().post("/bookings")
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("status", equalTo(413));
    }

    @Test
    void aCardNumberInAnyFormIsNeverEchoed() {
        request().contentType(ContentType.JSON)
                .body(Bookings.valid(marker).replace("\"Ada ", "\"4111_1111_1111_1111 "))
                .when().post("/bookings")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.message", hasItem("must not contain a card number"))
                .body(not(containsString("4111")));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "Idempotency-Key", "X-Correlation-Id" })
    void aCardNumberInAHeaderIsABadRequest(String header) {
        requestWith(header, "4111111111111111").contentType(ContentType.JSON).body(Bookings.valid(marker))
                .when().post("/bookings")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem(header))
                .body(not(containsString("4111")));
    }

    /** Hibernate Validator's @Email backtracked for seconds on such a value, blocking the event loop. */
    @Test
    void aHugeEmailIsRefusedAtOnce() {
        String hostile = "a".repeat(20_000) + "@" + "b".repeat(20_000);
        assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> request().contentType(ContentType.JSON)
                        .body(Bookings.valid(marker).replace("ada@example.com", hostile))
                        .when().post("/bookings")
                        .then().statusCode(400)
                        .contentType("application/problem+json")
                        .body("errors.field", hasItem("passenger.email")));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "/bookings/not-a-uuid", "/bookings/not-a-uuid/cancel", "/bookings/42/timeline" })
    void aPathIdThatIsNotAUuidIsABadRequestNamingIt(String path) {
        String method = path.endsWith("/cancel") ? "POST" : "GET";
        request().when().request(method, path)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("id"));
    }

    @Test
    void aNulInThePathIsABadRequest() {
        request().urlEncodingEnabled(false).when().get("/bookings/%00")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("id"));
    }

    /**
     * Without a Content-Length the limit strikes while the body streams in: Quarkus REST's reader answers the 413 itself,
     * without a body, before any mapper of ours could.
     */
    @Test
    void anOversizedBodyWithoutALengthIsRefused() throws Exception {
        byte[] body = Bookings.valid(marker).replace("\"Ada ", "\"Ada " + "x".repeat(70 * 1024))
                .getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(bookings)
                .header("Content-Type", "application/json").header("Idempotency-Key", marker)
                .header("X-Correlation-Id", marker)
                .header("Authorization", "Bearer " + Customers.customerToken())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build();
        // The server answers 413 and closes the connection; a client still sending may see the close before the answer.
        // HTTP/1.1, a chunked upload: the JDK client's default would try an upgrade to HTTP/2 first, and then the
        // close arrives as an HTTP/2 GOAWAY instead.
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(413);
        } catch (IOException closedWhileSending) {
            // How the JDK client words a connection closed under it depends on where it was: reading or writing.
            assertThat(closedWhileSending).hasMessageMatching("(?s).*(EOF|reset|Broken pipe|closed).*");
        }
        assertThat(Sql.count(pool, "SELECT count(*) FROM booking WHERE idempotency_key = $1", marker)).isZero();
    }

    @Test
    void anOverlongIdempotencyKeyIsABadRequest() {
        asCustomer().header("X-Correlation-Id", marker).header("Idempotency-Key", "k".repeat(300))
                .contentType(ContentType.JSON).body(Bookings.valid(marker))
                .when().post("/bookings")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("Idempotency-Key"));
    }
}
