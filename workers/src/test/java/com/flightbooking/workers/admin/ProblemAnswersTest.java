package com.flightbooking.workers.admin;

import static com.flightbooking.workers.Operators.asOps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import org.jboss.logmanager.Level;
import org.junit.jupiter.api.Test;

import com.flightbooking.events.testing.CapturedLogs;
import com.flightbooking.kit.problem.ProblemMappers;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The workers' endpoints answer errors with the same problems as the booking API, a bug included. */
@QuarkusTest
class ProblemAnswersTest {

    @Test
    void aBugIsA500ProblemWithoutInternalsAndLogged() {
        String body;
        try (CapturedLogs logs = CapturedLogs.start()) {
            body = asOps().when().post("/admin/test-only/broken")
                    .then().statusCode(500)
                    .contentType("application/problem+json")
                    .body("title", equalTo("Internal Server Error"))
                    .body("status", equalTo(500))
                    .extract().asString();

            assertThat(logs.lines()).filteredOn(line -> line.logger().equals(ProblemMappers.class.getName()))
                    .singleElement()
                    .satisfies(line -> {
                        assertThat(line.level()).isEqualTo(Level.ERROR);
                        assertThat(line.message()).contains("POST /admin/test-only/broken");
                        assertThat(line.thrown()).hasMessage(BrokenResource.INTERNAL_DETAIL);
                    });
        }
        assertThat(body).doesNotContain(BrokenResource.INTERNAL_DETAIL, "IllegalStateException", "BrokenResource",
                "Exception", "\tat ");
    }

    @Test
    void malformedJsonIsABadRequestProblem() {
        asOps().contentType(ContentType.JSON).body("{\"name\": \"Acme\", ")
                .when().put("/admin/accounts/ACME-MALFORMED")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://flightbooking.dev/problems/malformed-json"));
        asOps().contentType(ContentType.JSON).body("{\"name\": [\"Acme\"], \"billingEmail\": \"billing@acme.test\"}")
                .when().put("/admin/accounts/ACME-MALFORMED")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://flightbooking.dev/problems/malformed-json"))
                .body("errors.field", hasItem("name"));
    }

    @Test
    void aQueryParameterOfTheWrongTypeIsABadRequestProblem() {
        asOps().when().get("/ledger/entries?bookingId=yesterday")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("title", equalTo("Bad Request"));
        asOps().when().get("/admin/invoices?account=ACME-001&limit=lots")
                .then().statusCode(400)
                .contentType("application/problem+json");
    }
}
