package com.flightbooking.workers;

import com.flightbooking.localinfra.LocalTokens;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/** Requests to the workers' admin API with real bearer tokens from the tests' OIDC server. */
public final class Operators {

    private Operators() {
    }

    /** A request as an operator (role ops). */
    public static RequestSpecification asOps() {
        return as("ops");
    }

    /** A request as the client {@code subject}: ops and finance have their roles, anyone else is a customer. */
    public static RequestSpecification as(String subject) {
        return RestAssured.given().auth().oauth2(LocalTokens.customer(subject));
    }
}
