package com.flightbooking.booking.api.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The published API description documents every booking operation with its answers and errors. */
@QuarkusTest
class OpenApiTest {

    @Test
    void describesEveryOperationWithItsAnswersAndProblems() {
        given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .body("info.title", containsString("Flight booking"))
                .body("paths.'/bookings'.post.responses", hasKey("202"))
                .body("paths.'/bookings'.post.responses", hasKey("400"))
                .body("paths.'/bookings'.post.responses", hasKey("422"))
                .body("paths.'/bookings'.post.responses.'400'.content", hasKey("application/problem+json"))
                .body("paths.'/bookings'.post.requestBody.content.'application/json'.examples.booking.value",
                        notNullValue())
                .body("paths.'/bookings/{id}'.get.responses", hasKey("404"))
                .body("paths.'/bookings/{id}/cancel'.post.responses", hasKey("409"))
                .body("paths.'/bookings/{id}/timeline'.get.responses", hasKey("200"))
                .body("paths.'/bookings/{id}/timeline'.get.responses.'404'.content", hasKey("application/problem+json"));
    }
}
