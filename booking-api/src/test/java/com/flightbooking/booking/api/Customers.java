package com.flightbooking.booking.api;

import com.flightbooking.localinfra.LocalTokens;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/** Requests with a real bearer token from the tests' OIDC server. */
public final class Customers {

    /** The customer the tests book as: a traveller of corporate account ACME-001, which the sample bookings use. */
    public static final String ALICE = "alice";
    public static final String CORPORATE_ACCOUNT = "ACME-001";

    private Customers() {
    }

    /** A request as {@link #ALICE}. */
    public static RequestSpecification asCustomer() {
        return RestAssured.given().auth().oauth2(customerToken());
    }

    /** {@link #ALICE}'s bearer token, for clients other than RestAssured. */
    public static String customerToken() {
        return LocalTokens.customer(ALICE, "corporate:" + CORPORATE_ACCOUNT);
    }

    /** A request as the client {@code subject} (ops, finance and workers have their roles), with these scopes. */
    public static RequestSpecification as(String subject, String... scopes) {
        return RestAssured.given().auth().oauth2(LocalTokens.customer(subject, scopes));
    }
}
