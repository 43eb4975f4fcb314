package com.flightbooking.booking.api.responseevents;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import com.flightbooking.booking.api.rest.RequestFilters;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;

/**
 * Notes on the request which resource matched, for {@link ResponseCapture} to read when the response ends. Runs
 * after matching and before the body is read, so a refused body (400) still names its route.
 */
public class MatchedRouteFilter {

    /** Longer path parameter values are cut: they come from the URL, anyone can make them long. */
    static final int MAX_ID_LENGTH = 128;

    private final ResponseEventsConfig config;
    private final RouteTemplates templates;
    private final CurrentVertxRequest request;

    MatchedRouteFilter(ResponseEventsConfig config, RouteTemplates templates, CurrentVertxRequest request) {
        this.config = config;
        this.templates = templates;
        this.request = request;
    }

    @ServerRequestFilter(nonBlocking = true, priority = RequestFilters.NON_BLOCKING)
    public void remember(ResourceInfo resource, UriInfo uri) {
        if (!config.enabled() || resource.getResourceMethod() == null) {
            return;
        }
        String template = templates.of(resource.getResourceClass(), resource.getResourceMethod());
        Map<String, String> parameters = new LinkedHashMap<>();
        // In the template's order, so that the last one is the innermost resource.
        uri.getPathParameters().entrySet().stream()
                .sorted(Comparator.comparingInt(p -> template.indexOf("{" + p.getKey() + "}")))
                .forEach(p -> parameters.put(p.getKey(), first(p.getValue())));
        new MatchedRoute(template, parameters).rememberOn(request.getCurrent());
    }

    private static String first(List<String> values) {
        String value = values.isEmpty() ? "" : values.get(0);
        return value.length() > MAX_ID_LENGTH ? value.substring(0, MAX_ID_LENGTH) : value;
    }
}
