package com.flightbooking.kit.web;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * What an app's web page needs to sign a person in from the browser (Authorization Code flow with PKCE, as a public
 * client): the provider the browser talks to and the client registered there for the page. booking-api's booking
 * page keeps the default client id; the workers' ops page sets its own.
 */
@ConfigMapping(prefix = "flights.web")
public interface WebPageConfig {

    /**
     * The issuer as the customer's browser reaches it. By default the one the API checks tokens against; set it when
     * the app reaches its provider by another address than browsers do.
     */
    @WithDefault("${quarkus.oidc.auth-server-url}")
    String issuer();

    /** The public client (no secret) registered at the provider for the page; its tokens must name the API's audience. */
    @WithDefault("flight-booking-web")
    String clientId();

    /** The scopes the page asks for. */
    @WithDefault("openid")
    String scope();

    /**
     * Origins besides the issuer's that the page may call, for a provider whose token endpoint lives elsewhere (Cognito's
     * hosted domain, say): they join the page's Content-Security-Policy {@code connect-src}.
     */
    Optional<List<String>> connectSrc();
}
