package com.flightbooking.localinfra;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LocalOidcTest {

    private static LocalOidc oidc;

    @BeforeAll
    static void start() {
        oidc = LocalOidc.start(0);
    }

    @AfterAll
    static void stop() {
        oidc.close();
    }

    @Test
    void publishesItsDiscoveryDocumentAndKeys() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String discovery = http.send(HttpRequest.newBuilder(URI.create(oidc.issuerUrl()
                + "/.well-known/openid-configuration")).build(), HttpResponse.BodyHandlers.ofString()).body();

        assertThat(discovery.replace(" ", "")).contains("\"issuer\":\"" + oidc.issuerUrl() + "\"")
                .contains("\"jwks_uri\":\"" + oidc.issuerUrl() + "/jwks\"");
    }

    @Test
    void aCustomersTokenNamesTheClientAsSubjectWithoutRoles() {
        String claims = claimsOf(LocalTokens.issue(oidc.issuerUrl(), "alice"));

        assertThat(claims).contains("\"sub\":\"alice\"", "\"aud\":\"flight-booking\"", "\"groups\":[]",
                "\"iss\":\"" + oidc.issuerUrl() + "\"");
    }

    @Test
    void operatorsAndTheWorkersGetTheirRole() {
        assertThat(claimsOf(LocalTokens.issue(oidc.issuerUrl(), "ops"))).contains("\"groups\":[\"ops\"]");
        assertThat(claimsOf(LocalTokens.issue(oidc.issuerUrl(), "finance"))).contains("\"groups\":[\"finance\"]");
        assertThat(claimsOf(LocalTokens.issue(oidc.issuerUrl(), "workers")))
                .contains("\"groups\":[\"booking-reader\"]");
    }

    @Test
    void aCorporateScopeAddsTheAccountToTheToken() {
        String claims = claimsOf(LocalTokens.issue(oidc.issuerUrl(), "bob", "corporate:ACME-001"));

        assertThat(claims).contains("\"corporate_accounts\":[\"ACME-001\"]");
    }

    private static String claimsOf(String jwt) {
        String[] parts = jwt.split("\\.");
        assertThat(parts).hasSize(3);
        return new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    }
}
