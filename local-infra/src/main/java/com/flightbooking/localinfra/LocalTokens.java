package com.flightbooking.localinfra;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Bearer tokens from the {@link LocalOidc} server, asked for over HTTP as a client would (client credentials). Tests
 * and benchmarks use them; a token is reused for half its hour of validity.
 */
public final class LocalTokens {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Duration REUSE = Duration.ofMinutes(30);
    private static final Map<String, Issued> ISSUED = new ConcurrentHashMap<>();
    static final String TEST_ISSUER_PROPERTY = "flights.test.oidc-issuer";

    private LocalTokens() {
    }

    private record Issued(String token, long expiresAtNanos) {
    }

    /** A customer's token from the tests' OIDC server (see {@link #configuredIssuer()}). */
    public static String customer(String subject, String... scopes) {
        return issue(configuredIssuer(), subject, scopes);
    }

    /** An operator's token (role {@code ops}) from the tests' OIDC server. */
    public static String ops() {
        return issue(configuredIssuer(), "ops");
    }

    /** A token for {@code clientId} (the subject) from the issuer at {@code issuerUrl}. */
    public static String issue(String issuerUrl, String clientId, String... scopes) {
        String key = issuerUrl + " " + clientId + " " + String.join(" ", scopes);
        Issued issued = ISSUED.get(key);
        if (issued == null || System.nanoTime() - issued.expiresAtNanos() > 0) {
            issued = new Issued(fetch(issuerUrl, clientId, scopes), System.nanoTime() + REUSE.toNanos());
            ISSUED.put(key, issued);
        }
        return issued.token();
    }

    private static String fetch(String issuerUrl, String clientId, String... scopes) {
        String form = "grant_type=client_credentials&client_id=" + encode(clientId) + "&client_secret=local"
                + (scopes.length == 0 ? "" : "&scope=" + encode(String.join(" ", scopes)));
        HttpRequest request = HttpRequest.newBuilder(URI.create(issuerUrl + "/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            Matcher token = ACCESS_TOKEN.matcher(response.body());
            if (response.statusCode() != 200 || !token.find()) {
                throw new IllegalStateException("The OIDC server at " + issuerUrl + " answered " + response.statusCode());
            }
            return token.group(1);
        } catch (IOException e) {
            throw new IllegalStateException("No token from " + issuerUrl + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while asking " + issuerUrl + " for a token", e);
        }
    }

    /**
     * The issuer of the OIDC server a test resource started last (it names it in a system property, which the test's
     * class loader sees whether the app runs in the test JVM or as a packaged app), else the configured one.
     */
    private static String configuredIssuer() {
        String started = System.getProperty(TEST_ISSUER_PROPERTY);
        return started != null ? started
                : ConfigProvider.getConfig().getValue("quarkus.oidc.auth-server-url", String.class);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
