package com.flightbooking.workers.admin;

import static com.flightbooking.workers.Operators.asOps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.flightbooking.events.testing.Sql;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;

/** Every bad request to the workers' endpoints gets a 4xx problem naming what is wrong, and writes nothing. */
@QuarkusTest
class BadRequestTest {

    @Inject
    Pool pool;

    private long accounts;
    private long invoices;

    @BeforeEach
    void countRows() {
        accounts = Sql.count(pool, "SELECT count(*) FROM corporate_account");
        invoices = Sql.count(pool, "SELECT count(*) FROM invoice_period");
    }

    @AfterEach
    void nothingWasWritten() {
        assertThat(Sql.count(pool, "SELECT count(*) FROM corporate_account")).isEqualTo(accounts);
        assertThat(Sql.count(pool, "SELECT count(*) FROM invoice_period")).isEqualTo(invoices);
    }

    /** A hand-written email regex backtracked for 5.9 s on such a value, blocking the event loop. */
    @Test
    void aHugeBillingEmailIsRefusedAtOnce() {
        String hostile = "a".repeat(20_000) + "@" + "b".repeat(20);
        assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> asOps().contentType(ContentType.JSON)
                        .body("{\"name\": \"Acme\", \"billingEmail\": \"" + hostile + "\"}")
                        .when().put("/admin/accounts/ACME-HUGE")
                        .then().statusCode(400)
                        .contentType("application/problem+json")
                        .body("errors.field", hasItem("billingEmail"))
                        .body(not(containsString("aaaaaaaaaa"))));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "name|4111 1111 1111 1111|billing@acme.test",
            "name|Acme\\u202Eevil|billing@acme.test",
            "name|Acme\\u0000|billing@acme.test",
            "name|'   '|billing@acme.test",
            "billingEmail|Acme|4111111111111111@acme.test",
            "billingEmail|Acme|not an address",
            "billingEmail|Acme|billing@acme" })
    void anInvalidAccountFieldIsNamed(String field, String name, String email) {
        asOps().contentType(ContentType.JSON)
                .body("{\"name\": \"%s\", \"billingEmail\": \"%s\"}".formatted(name, email))
                .when().put("/admin/accounts/ACME-INVALID")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://flightbooking.dev/problems/validation"))
                .body("errors.field", hasItem(field))
                .body(not(containsString("4111")));
    }

    @ParameterizedTest
    @ValueSource(strings = { "4111111111111111", "ACME%20001", "%00", "%E2%80%AE",
            "A1234567890123456789012345678901234567890123456789012345678901234" })
    void anInvalidAccountIdIsNamed(String id) {
        asOps().urlEncodingEnabled(false).contentType(ContentType.JSON)
                .body("{\"name\": \"Acme\", \"billingEmail\": \"billing@acme.test\"}")
                .when().put("/admin/accounts/" + id)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("id"))
                .body(not(containsString("4111")));
    }

    @Test
    void aMissingAccountBodyIsABadRequest() {
        asOps().contentType(ContentType.JSON)
                .when().put("/admin/accounts/ACME-EMPTY")
                .then().statusCode(400)
                .contentType("application/problem+json");
    }

    /** A NUL reached PostgreSQL, which refuses it in text: a 500 before. */
    @ParameterizedTest
    @ValueSource(strings = { "/ledger/entries?account=%00", "/ledger/entries?account=ACME%00",
            "/admin/invoices?account=%00", "/ledger/entries?account=%E2%80%AE",
            "/ledger/entries?account=4111111111111111" })
    void aHostileAccountQueryIsABadRequest(String uri) {
        asOps().urlEncodingEnabled(false).when().get(uri)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("account"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "-99999-01-01", "+99999-01-01", "1900-01-05", "2999-01-01", "2026-02-30", "yesterday",
            "%00" })
    void anAbsurdInvoicePeriodIsABadRequest(String periodStart) {
        asOps().urlEncodingEnabled(false).when().post("/admin/invoices/run?periodStart=" + periodStart)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("periodStart"));
        asOps().urlEncodingEnabled(false).when().get("/admin/invoices?periodStart=" + periodStart)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("periodStart"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "GET|/admin/invoices/not-a-uuid|id",
            "POST|/admin/invoices/42/resend|id",
            "GET|/admin/reminders/not-a-uuid|bookingId",
            "POST|/admin/reminders/not-a-uuid/fire|bookingId",
            "POST|/admin/airline-check/not-a-uuid|bookingId",
            "GET|/ledger/entries?bookingId=yesterday|bookingId",
            "GET|/ledger/entries?account=ACME-001&limit=lots|limit",
            "GET|/admin/dlq/Ledger%20Role|role",
            "POST|/admin/dlq/ledger/redrive?bookingId=not-a-uuid|bookingId" })
    void aParameterOfTheWrongFormatIsNamed(String method, String uri, String field) {
        asOps().urlEncodingEnabled(false).when().request(method, uri)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem(field));
    }

    @Test
    void anOversizedBodyIsRefused() {
        asOps().contentType(ContentType.JSON)
                .body("{\"name\": \"" + "x".repeat(70 * 1024) + "\", \"billingEmail\": \"billing@acme.test\"}")
                .when().put("/admin/accounts/ACME-OVERSIZED")
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("status", equalTo(413));
    }
}
