package com.flightbooking.workers.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.flightbooking.kit.problem.Problem;
import com.flightbooking.workers.Operators;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Who may use the workers' admin and ledger API (OWASP API2, API5): every endpoint × {anonymous, a customer, finance,
 * ops}, with real tokens from the tests' OIDC server. Only operators change anything; finance reads invoices and
 * accounts. Refused calls are problems and change nothing (an operator's answer only has to get past security: what
 * it finds depends on the data, and each endpoint's own test checks it).
 */
@QuarkusTest
class AdminAuthorizationTest {

    private static final String ANY_ID = UUID.randomUUID().toString();

    enum Who {
        ANONYMOUS,
        CUSTOMER,
        FINANCE,
        OPS;

        RequestSpecification request() {
            return switch (this) {
                case ANONYMOUS -> RestAssured.given();
                case CUSTOMER -> Operators.as("alice");
                case FINANCE -> Operators.as("finance");
                case OPS -> Operators.asOps();
            };
        }
    }

    static Stream<Arguments> endpoints() {
        return Stream.of(
                endpoint("GET", "/admin/dlq/ledger", false),
                endpoint("POST", "/admin/dlq/ledger/redrive?bookingId=" + ANY_ID, false),
                endpoint("GET", "/admin/overview", false),
                endpoint("GET", "/admin/reminders/" + ANY_ID, false),
                endpoint("POST", "/admin/reminders/" + ANY_ID + "/fire", false),
                endpoint("GET", "/admin/accounts/ACME-001", true),
                endpoint("PUT", "/admin/accounts/AUTHZ-TEST", false),
                endpoint("GET", "/admin/invoices?account=ACME-001", true),
                endpoint("GET", "/admin/invoices/" + ANY_ID, true),
                endpoint("POST", "/admin/invoices/" + ANY_ID + "/resend", false),
                endpoint("POST", "/admin/invoices/run?periodStart=2020-01-01", false),
                endpoint("POST", "/admin/airline-check/" + ANY_ID, false),
                endpoint("GET", "/ledger/entries?account=ACME-001", false))
                .flatMap(endpoint -> Stream.of(Who.values()).map(who -> Arguments.of(endpoint.get()[0],
                        endpoint.get()[1], who, expected((Boolean) endpoint.get()[2], who))));
    }

    @ParameterizedTest(name = "{0} {1} as {2} → {3}")
    @MethodSource("endpoints")
    void onlyOperatorsAndForReadingFinance(String method, String path, Who who, String expected) {
        Response response = who.request().contentType(ContentType.JSON)
                .body("{\"name\": \"Acme Corp\", \"billingEmail\": \"billing@acme.test\"}")
                .request(method, path);

        if (expected.equals("allowed")) {
            assertThat(response.statusCode()).as(response.asString()).isNotIn(401, 403).isLessThan(500);
        } else {
            assertThat(response.statusCode()).isEqualTo(Integer.parseInt(expected));
            assertThat(response.contentType()).startsWith(Problem.MEDIA_TYPE);
        }
    }

    private static Arguments endpoint(String method, String path, boolean financeReads) {
        return Arguments.of(method, path, financeReads);
    }

    private static String expected(boolean financeReads, Who who) {
        return switch (who) {
            case ANONYMOUS -> "401";
            case CUSTOMER -> "403";
            case FINANCE -> financeReads ? "allowed" : "403";
            case OPS -> "allowed";
        };
    }
}
