package com.flightbooking.booking.api.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.util.UUID;

import org.jboss.logmanager.Level;
import org.junit.jupiter.api.Test;

import com.flightbooking.events.testing.CapturedLogs;
import com.flightbooking.kit.problem.ProblemMappers;

import io.quarkus.test.junit.QuarkusTest;

/** A bug answers a 500 problem that tells the caller nothing about the server, and is logged for the team. */
@QuarkusTest
class UnexpectedFailureTest {

    @Test
    void aBugIsA500ProblemWithoutInternalsLoggedWithItsCorrelationId() {
        String correlationId = "bug-" + UUID.randomUUID();
        String body;
        try (CapturedLogs logs = CapturedLogs.start()) {
            body = given().header(BookingResource.CORRELATION_ID, correlationId)
                    .when().get("/test-only/bug")
                    .then().statusCode(500)
                    .contentType("application/problem+json")
                    .header(BookingResource.CORRELATION_ID, correlationId)
                    .body("type", equalTo("about:blank"))
                    .body("title", equalTo("Internal Server Error"))
                    .body("status", equalTo(500))
                    .body("instance", endsWith("/test-only/bug"))
                    .extract().asString();

            assertThat(logs.lines()).filteredOn(line -> line.logger().equals(ProblemMappers.class.getName()))
                    .singleElement()
                    .satisfies(line -> {
                        assertThat(line.level()).isEqualTo(Level.ERROR);
                        assertThat(line.mdc()).containsEntry("correlationId", correlationId);
                        assertThat(line.thrown()).isInstanceOf(IllegalStateException.class)
                                .hasMessage(FailingResource.INTERNAL_DETAIL);
                    });
        }
        assertThat(body).doesNotContain(FailingResource.INTERNAL_DETAIL, "IllegalStateException", "FailingResource",
                "Exception", "\tat ");
    }

    @Test
    void aQueryParameterOfTheWrongTypeIsABadRequestProblem() {
        given().when().get("/test-only/count?n=many")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("title", equalTo("Bad Request"))
                .body("detail", not(containsString("NumberFormatException")));
        given().when().get("/test-only/count?n=3").then().statusCode(200).body(equalTo("3"));
    }
}
