package com.flightbooking.localinfra;

import java.net.InetAddress;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.nimbusds.oauth2.sdk.TokenRequest;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequestHandler;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import no.nav.security.mock.oauth2.http.Route;
import no.nav.security.mock.oauth2.token.OAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;

/**
 * A real OIDC provider on loopback (NAV's mock-oauth2-server): discovery, JWKS and a token endpoint that signs
 * RS256 tokens, as Keycloak, Cognito or Auth0 would in production. Anyone may ask for a token (client credentials,
 * any client id and secret); the client id becomes the token's subject, so {@code client_id=alice} is customer
 * alice. A few client ids stand for other kinds of caller and get their role in the {@code groups} claim, which
 * Quarkus OIDC reads as roles: see {@link LocalIdentities}.
 * <p>
 * People sign in from the booking page with the Authorization Code flow and PKCE: the authorization endpoint shows a
 * login form, and the user name typed there becomes the token's subject: a customer, whatever the page's client id,
 * except the staff user names {@code ops} and {@code finance}, who get their role ({@link StaffLogin}).
 * The server answers browsers from any origin (CORS), as a provider configured for the page's origin would.
 */
public final class LocalOidc implements AutoCloseable {

    /** The issuer's path on the server: its URL is {@code http://127.0.0.1:<port>/flights}. */
    public static final String ISSUER = "flights";
    private static final String LOOPBACK = "127.0.0.1";

    private final MockOAuth2Server server;

    private LocalOidc(MockOAuth2Server server) {
        this.server = server;
    }

    /** Port 0 for any free port. */
    public static LocalOidc start(int port) {
        OAuth2Config config = new OAuth2Config(true, null, null, false, new OAuth2TokenProvider(),
                Set.of(new LocalIdentities()));
        MockOAuth2Server server = new MockOAuth2Server(config,
                new StaffLogin(new OAuth2HttpRequestHandler(config).getAuthorizationServer()));
        try {
            server.start(InetAddress.getByName(LOOPBACK), port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
        return new LocalOidc(server);
    }

    /**
     * The server names itself after the Host header it is asked with: apps and clients all use this one URL, so the
     * tokens' issuer is the one the apps expect.
     */
    public String issuerUrl() {
        return "http://" + LOOPBACK + ":" + port() + "/" + ISSUER;
    }

    public String tokenEndpoint() {
        return issuerUrl() + "/token";
    }

    public int port() {
        return server.baseUrl().port();
    }

    /** Where an app finds its token issuer. */
    public Map<String, String> quarkusConfig() {
        return Map.of("quarkus.oidc.auth-server-url", issuerUrl());
    }

    @Override
    public void close() {
        server.shutdown();
    }

    /**
     * The local directory of callers. A real provider keeps roles and corporate memberships in its user store; here
     * they follow from the token request, so a curl can ask for any of them:
     * <ul>
     * <li>{@code client_id=ops} gets role {@code ops}, {@code client_id=finance} role {@code finance}, and
     * {@code client_id=workers} role {@code booking-reader} (the workers' service account);</li>
     * <li>any other client id is a customer with no role;</li>
     * <li>scope {@code corporate:ACME-001} adds corporate account ACME-001 to the {@code corporate_accounts} claim:
     * the customer may book on that account.</li>
     * <li>a person signing in through the login form (Authorization Code flow) is named by the user name typed there:
     * mock-oauth2-server puts it in {@code sub} over {@link #subject}, and keeps the audience and the claims given
     * here for the page's client id; user {@code ops} or {@code finance} gets that role ({@link StaffLogin}).</li>
     * </ul>
     */
    static final class LocalIdentities implements OAuth2TokenCallback {

        static final String AUDIENCE = "flight-booking";
        private static final String CORPORATE_SCOPE = "corporate:";
        static final Map<String, String> SERVICE_ROLES = Map.of(
                "ops", "ops",
                "finance", "finance",
                "workers", "booking-reader");
        private static final long ONE_HOUR = 3600;

        @Override
        public String issuerId() {
            return ISSUER;
        }

        @Override
        public String subject(TokenRequest request) {
            return clientId(request);
        }

        @Override
        public String typeHeader(TokenRequest request) {
            return "JWT";
        }

        @Override
        public List<String> audience(TokenRequest request) {
            return List.of(AUDIENCE);
        }

        @Override
        public Map<String, Object> addClaims(TokenRequest request) {
            String role = SERVICE_ROLES.get(clientId(request));
            List<String> accounts = request.getScope() == null ? List.of()
                    : request.getScope().toStringList().stream()
                            .filter(scope -> scope.startsWith(CORPORATE_SCOPE))
                            .map(scope -> scope.substring(CORPORATE_SCOPE.length()))
                            .toList();
            return Map.of("groups", role == null ? List.of() : List.of(role),
                    "corporate_accounts", accounts);
        }

        @Override
        public long tokenExpiry() {
            return ONE_HOUR;
        }

        private static String clientId(TokenRequest request) {
            if (request.getClientAuthentication() != null) {
                return request.getClientAuthentication().getClientID().getValue();
            }
            return request.getClientID() == null ? "anonymous" : request.getClientID().getValue();
        }
    }

    /**
     * Staff sign in through the same login form as customers: user name {@code ops} (or {@code finance}) gets that
     * role. mock-oauth2-server hands the token callback only the token request, never the user name, but it accepts
     * extra claims from the login form: this route adds the role claim to a staff user's login and passes every
     * request on to the provider's own routes.
     */
    static final class StaffLogin implements Route {

        private static final Set<String> STAFF = Set.of("ops", "finance");
        private final Route provider;

        StaffLogin(Route provider) {
            this.provider = provider;
        }

        @Override
        public boolean match(OAuth2HttpRequest request) {
            return true;
        }

        @Override
        public OAuth2HttpResponse invoke(OAuth2HttpRequest request) {
            return provider.invoke(isStaffLogin(request) ? withRole(request) : request);
        }

        private static boolean isStaffLogin(OAuth2HttpRequest request) {
            if (!"POST".equals(request.getMethod()) || !request.getUrl().encodedPath().endsWith("/authorize")) {
                return false;
            }
            String claims = request.getFormParameters().get("claims");
            return STAFF.contains(request.getFormParameters().get("username")) && (claims == null || claims.isBlank());
        }

        private static OAuth2HttpRequest withRole(OAuth2HttpRequest request) {
            String role = LocalIdentities.SERVICE_ROLES.get(request.getFormParameters().get("username"));
            String body = Arrays.stream(request.getBody().split("&"))
                    .filter(field -> !field.startsWith("claims="))
                    .collect(Collectors.joining("&"))
                    + "&claims=" + URLEncoder.encode("{\"groups\":[\"" + role + "\"]}", StandardCharsets.UTF_8);
            return new OAuth2HttpRequest(request.getHeaders(), request.getMethod(), request.getOriginalUrl(), body);
        }
    }
}
