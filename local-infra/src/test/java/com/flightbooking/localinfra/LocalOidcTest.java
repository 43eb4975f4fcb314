package com.flightbooking.localinfra;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LocalOidcTest {

    private static final String PAGE = "http://localhost:8080/";
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

    @Test
    void aPersonSigningInThroughTheLoginFormIsACustomerNamedByWhatTheyTyped() throws Exception {
        SignIn signIn = signIn("grace");

        assertThat(signIn.form()).contains("name=\"username\"");
        assertThat(signIn.location()).startsWith(PAGE).contains("state=s1");
        assertThat(signIn.token().statusCode()).isEqualTo(200);
        assertThat(signIn.token().headers().firstValue("Access-Control-Allow-Origin"))
                .hasValue("http://localhost:8080");
        assertThat(claimsOf(signIn.accessToken())).contains("\"sub\":\"grace\"", "\"aud\":\"flight-booking\"",
                "\"groups\":[]", "\"iss\":\"" + oidc.issuerUrl() + "\"");
    }

    @Test
    void staffSigningInThroughTheLoginFormGetTheirRole() throws Exception {
        assertThat(claimsOf(signIn("ops").accessToken())).contains("\"sub\":\"ops\"", "\"groups\":[\"ops\"]");
        assertThat(claimsOf(signIn("finance").accessToken())).contains("\"groups\":[\"finance\"]");
        assertThat(claimsOf(signIn("workers").accessToken())).contains("\"groups\":[]");
    }

    private record SignIn(String form, String location, HttpResponse<String> token) {

        String accessToken() {
            Matcher accessToken = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(token.body());
            assertThat(accessToken.find()).as(token.body()).isTrue();
            return accessToken.group(1);
        }
    }

    /** The Authorization Code flow with PKCE as the booking page runs it, typing {@code username} in the form. */
    private static SignIn signIn(String username) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String verifier = "a-code-verifier-long-enough-for-pkce-0123456789abcdef";
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        String authorize = oidc.issuerUrl() + "/authorize?response_type=code&client_id=flight-booking-web&scope=openid"
                + "&state=s1&code_challenge_method=S256&code_challenge=" + challenge + "&redirect_uri=" + PAGE;

        String form = http.send(HttpRequest.newBuilder(URI.create(authorize)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(URI.create(authorize))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + username + "&claims=")).build(),
                HttpResponse.BodyHandlers.ofString());
        String location = signedIn.headers().firstValue("Location").orElseThrow();
        Matcher code = Pattern.compile("[?&]code=([^&]+)").matcher(location);
        HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(oidc.tokenEndpoint()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", "http://localhost:8080")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&client_id=flight-booking-web"
                        + "&redirect_uri=" + PAGE + "&code_verifier=" + verifier + "&code="
                        + (code.find() ? code.group(1) : "none")))
                .build(), HttpResponse.BodyHandlers.ofString());
        return new SignIn(form, location, token);
    }

    @Test
    void aCodeIsRedeemedOnlyWithItsVerifier() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String authorize = oidc.issuerUrl() + "/authorize?response_type=code&client_id=flight-booking-web"
                + "&scope=openid&state=s2&code_challenge_method=S256"
                + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&redirect_uri=http://localhost:8080/";
        String location = http.send(HttpRequest.newBuilder(URI.create(authorize))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=mallory")).build(),
                HttpResponse.BodyHandlers.ofString()).headers().firstValue("Location").orElseThrow();
        Matcher code = Pattern.compile("[?&]code=([^&]+)").matcher(location);
        assertThat(code.find()).isTrue();

        HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(oidc.tokenEndpoint()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&client_id=flight-booking-web"
                        + "&redirect_uri=http://localhost:8080/&code_verifier=not-the-verifier-of-this-challenge-at-all"
                        + "&code=" + code.group(1)))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(token.statusCode()).isEqualTo(400);
    }

    private static String claimsOf(String jwt) {
        String[] parts = jwt.split("\\.");
        assertThat(parts).hasSize(3);
        return new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    }
}
