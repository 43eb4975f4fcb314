package com.flightbooking.events;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The API answered an HTTP request: an operational record, published best effort (not through the outbox), so it may
 * be missing. It never carries bodies, query strings or headers: {@code route} is the matched template
 * ({@code /bookings/{id}}), or {@link #UNMATCHED_ROUTE} when no resource matched; {@code resourceIds} are the path
 * parameters by name; {@code createdId} is the resource a 2xx answer's {@code Location} names. The correlation id
 * travels in the envelope, like every event's. No principal: the event reaches every role's queue, and who made the
 * request is personal data; the correlation id leads to it in the API's own records where that is needed.
 */
@RegisterForReflection
public record HttpResponseSent(String method, String route, int status, double durationMs,
        Map<String, String> resourceIds, String createdId) implements EventPayload {

    public static final String UNMATCHED_ROUTE = "(unmatched)";

    public HttpResponseSent {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(route, "route");
        // Insertion order kept, so the ids read in the template's order.
        resourceIds = resourceIds == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(resourceIds));
    }

    /** The created resource, else the innermost resource of the route (its last path parameter), else the route. */
    @Override
    public String subject() {
        if (createdId != null) {
            return createdId;
        }
        List<String> ids = List.copyOf(resourceIds.values());
        return ids.isEmpty() ? route : ids.get(ids.size() - 1);
    }
}
