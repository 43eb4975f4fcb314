package com.flightbooking.booking.api.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.flightbooking.kit.web.WebPageHeaders;

import io.quarkus.test.junit.QuarkusTest;

/** The booking page is public and carries its security headers; the API's answers keep theirs and need a token. */
@QuarkusTest
class WebPageTest {

    @ConfigProperty(name = "quarkus.oidc.auth-server-url")
    String issuer;

    @Test
    void thePageAndItsFilesArePublicWithAPolicyThatAllowsOnlyThisOriginAndTheIssuer() {
        String policy = given().when().get("/").then().statusCode(200)
                .contentType(containsString("text/html"))
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Frame-Options", "DENY")
                .extract().header("Content-Security-Policy");
        given().when().get("/web/app.js").then().statusCode(200)
                .header("Content-Security-Policy", policy);
        given().when().get("/web/app.css").then().statusCode(200);

        assertThat(policy).contains("script-src 'self';", "frame-ancestors 'none'",
                "connect-src 'self' " + WebPageHeaders.origin(issuer) + ";")
                .doesNotContain("unsafe-inline", "unsafe-eval");
    }

    @Test
    void theSignInSettingsArePublic() {
        given().when().get("/web/config").then().statusCode(200)
                .body("issuer", equalTo(issuer))
                .body("clientId", equalTo("flight-booking-web"))
                .body("scope", equalTo("openid"));
    }

    @Test
    void theApiStillNeedsATokenAndGetsNoPageHeaders() {
        given().when().get("/bookings").then().statusCode(401)
                .header("Content-Security-Policy", nullValue());
    }
}
