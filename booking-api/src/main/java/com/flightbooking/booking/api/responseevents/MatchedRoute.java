package com.flightbooking.booking.api.responseevents;

import java.util.Map;

import io.vertx.ext.web.RoutingContext;

/** The resource a request matched: its route template and path parameters, kept on the request for its end. */
record MatchedRoute(String template, Map<String, String> pathParameters) {

    private static final String KEY = MatchedRoute.class.getName();

    void rememberOn(RoutingContext request) {
        request.put(KEY, this);
    }

    /** The route the request matched, or null when no resource did (unknown paths, refusals before matching). */
    static MatchedRoute of(RoutingContext request) {
        return request.get(KEY);
    }
}
