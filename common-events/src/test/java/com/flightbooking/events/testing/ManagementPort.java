package com.flightbooking.events.testing;

import java.net.URI;

import io.quarkus.test.common.http.TestHTTPResourceManager;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/**
 * Requests to the management interface of the app under test ({@code @QuarkusTest}): health ({@code /q/health}) and
 * metrics ({@code /q/metrics}) are served there, on a port apart from the API's.
 */
public final class ManagementPort {

    private ManagementPort() {
    }

    /** Paths as the apps' documentation writes them, {@code /q/...}: Quarkus' management URI already ends in /q. */
    public static RequestSpecification given() {
        return RestAssured.given().baseUri(URI.create(TestHTTPResourceManager.getManagementUri()).resolve("/").toString());
    }
}
