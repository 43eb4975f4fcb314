package com.flightbooking.booking.api.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

import com.flightbooking.booking.api.Customers;
import com.flightbooking.events.EventContract;
import com.flightbooking.kit.problem.Problem;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The event contract is served read-only to operators, as kept in the repository (YAML) or as JSON; the page that
 * renders it is open and carries no data of its own.
 */
@QuarkusTest
class EventContractResourceTest {

    @Test
    void servesTheDocumentAsKeptToOperators() {
        String served = Customers.as("ops").when().get("/q/asyncapi")
                .then().statusCode(200).contentType(startsWith(EventContractResource.YAML)).extract().asString();

        assertThat(served).isEqualTo(EventContract.yaml());
    }

    @Test
    void servesTheSameDocumentAsJsonKeepingTheExamplesNumbers() {
        Customers.as("ops").queryParam("format", "json").when().get("/q/asyncapi")
                .then().statusCode(200).contentType(startsWith("application/json"))
                .body("asyncapi", equalTo("3.0.0"))
                .body("channels.paymentQueue.bindings.sqs.queue.name", equalTo("payment"))
                .body(containsString("\"amount\":499.90"));
    }

    @Test
    void refusesAnonymousCallersCustomersAndTheWorkers() {
        given().when().get("/q/asyncapi").then().statusCode(401).contentType(startsWith(Problem.MEDIA_TYPE));
        Customers.asCustomer().when().get("/q/asyncapi").then().statusCode(403);
        Customers.as("workers").when().get("/q/asyncapi").then().statusCode(403);
    }

    @Test
    void isReadOnly() {
        Customers.as("ops").body("asyncapi: 3.0.0").contentType("text/plain").when().put("/q/asyncapi")
                .then().statusCode(405);
        Customers.as("ops").when().delete("/q/asyncapi").then().statusCode(405);
    }

    @Test
    void refusesAnUnknownFormat() {
        Customers.as("ops").queryParam("format", "xml").when().get("/q/asyncapi")
                .then().statusCode(400).contentType(startsWith(Problem.MEDIA_TYPE));
    }

    @Test
    void servesTheViewerToAnyone() {
        given().when().get("/q/asyncapi-ui").then().statusCode(200).contentType(startsWith("text/html"))
                .body(containsString("fetch('/q/asyncapi?format=json'"));
    }
}
