package com.flightbooking.kit.web;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;

/**
 * Security headers for the apps' web pages and their files (not the API): the booking page at {@code /} of
 * booking-api, the ops page at {@code /ops/} of the workers, and the files both share under {@code /web/}. Scripts
 * and styles only from this origin, requests only to this origin and the sign-in provider, never framed, and no
 * referrer (the sign-in's return address carries the authorization code until the page removes it).
 */
@Singleton
public class WebPageHeaders {

    private static final int PRIORITY = 1_000;
    private static final List<String> WEB_FILES = List.of("/web/", "/ops/");
    private static final Set<String> PAGES = Set.of("/", "/index.html", "/ops");

    private final String contentSecurityPolicy;

    WebPageHeaders(WebPageConfig config) {
        Set<String> connect = new LinkedHashSet<>(List.of("'self'", origin(config.issuer())));
        config.connectSrc().ifPresent(connect::addAll);
        this.contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
                + " connect-src " + String.join(" ", connect) + "; base-uri 'none'; form-action 'self';"
                + " frame-ancestors 'none'";
    }

    void register(@Observes Filters filters) {
        filters.register(this::addHeaders, PRIORITY);
    }

    private void addHeaders(RoutingContext request) {
        String path = request.normalizedPath();
        if (PAGES.contains(path) || WEB_FILES.stream().anyMatch(path::startsWith)) {
            request.response().headers()
                    .set("Content-Security-Policy", contentSecurityPolicy)
                    .set("X-Content-Type-Options", "nosniff")
                    .set("Referrer-Policy", "no-referrer")
                    .set("X-Frame-Options", "DENY");
        }
        request.next();
    }

    /** A CSP source names an origin; the issuer's path would match only that one URL. */
    public static String origin(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }
}
