package com.flightbooking.booking.api.responseevents;

import java.net.URI;
import java.time.Instant;
import java.util.Map;

import com.flightbooking.events.HttpResponseSent;

/**
 * What was seen of one response when it ended. {@code path} (never published) is only matched by rules when no
 * resource matched; {@code location} is the response's Location header; {@code anonymous} (never published either)
 * whether the request came without an identity.
 */
record ObservedResponse(String method, String route, String path, int status, long durationNanos, Instant endedAt,
        String correlationId, String traceparent, Map<String, String> pathParameters,
        String location, boolean anonymous) {

    /** The route template, or the path when no resource matched: what route patterns are matched against. */
    String routeOrPath() {
        return route != null ? route : path;
    }

    HttpResponseSent toPayload() {
        return new HttpResponseSent(method, route != null ? route : HttpResponseSent.UNMATCHED_ROUTE, status,
                Math.round(durationNanos / 1_000.0) / 1_000.0, pathParameters, createdId());
    }

    /** The last segment of a 2xx answer's Location: the id of what the request created or accepted. */
    private String createdId() {
        if (location == null || status < 200 || status > 299) {
            return null;
        }
        try {
            String locationPath = URI.create(location).getPath();
            if (locationPath == null) {
                return null;
            }
            String trimmed = locationPath.endsWith("/") ? locationPath.substring(0, locationPath.length() - 1)
                    : locationPath;
            String last = trimmed.substring(trimmed.lastIndexOf('/') + 1);
            return last.isEmpty() ? null : last;
        } catch (IllegalArgumentException unparsable) {
            return null;
        }
    }
}
