package com.flightbooking.booking.api.responseevents;

import java.time.Instant;
import java.util.Map;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import com.flightbooking.booking.api.responseevents.ResponseEventMetrics.DropReason;
import com.flightbooking.booking.api.rest.CorrelationIdFilter;
import com.flightbooking.kit.tracing.TraceParents;

import io.quarkus.logging.Log;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Sees every HTTP response end (a Vert.x filter, so also those no resource answered) and hands the selected ones to
 * the {@link ResponseEventShipper}. Everything it does on the request's event loop is reading a few fields and one
 * non-blocking offer; building, encoding and publishing the event happen elsewhere.
 */
@Singleton
public class ResponseCapture {

    /** Early among the HTTP filters, so the duration also covers what runs before the resource. */
    private static final int PRIORITY = 10_000;
    static final String CORRELATION_HEADER = "X-Correlation-Id";

    private final ResponseEventsConfig config;
    private final ResponseSelection selection;
    private final ResponseEventShipper shipper;
    private final ResponseEventMetrics metrics;
    private final ResponseFloodGuard floodGuard;

    ResponseCapture(ResponseEventsConfig config, ResponseSelection selection, ResponseEventShipper shipper,
            ResponseEventMetrics metrics, ResponseFloodGuard floodGuard) {
        this.config = config;
        this.selection = selection;
        this.shipper = shipper;
        this.metrics = metrics;
        this.floodGuard = floodGuard;
    }

    void register(@Observes Filters filters) {
        if (config.enabled()) {
            filters.register(this::capture, PRIORITY);
        }
    }

    private void capture(RoutingContext request) {
        long started = System.nanoTime();
        request.addEndHandler(ended -> {
            // A response cut off (client gone) was never sent.
            if (ended.succeeded()) {
                ended(request, System.nanoTime() - started);
            }
        });
        request.next();
    }

    private void ended(RoutingContext request, long durationNanos) {
        try {
            ObservedResponse response = observe(request, durationNanos);
            if (selection.selects(response) && floodGuard.passes(response)) {
                shipper.offer(response);
            }
        } catch (RuntimeException e) {
            metrics.dropped(DropReason.CAPTURE_FAILED, 1);
            Log.debugf(e, "Could not capture the response to %s %s", request.request().method(),
                    request.normalizedPath());
        }
    }

    private static ObservedResponse observe(RoutingContext request, long durationNanos) {
        MatchedRoute route = MatchedRoute.of(request);
        return new ObservedResponse(request.request().method().name(),
                route == null ? null : route.template(),
                request.normalizedPath(),
                request.response().getStatusCode(),
                durationNanos,
                Instant.now(),
                correlationId(request),
                TraceParents.current(),
                route == null ? Map.of() : route.pathParameters(),
                request.response().headers().get(HttpHeaders.LOCATION),
                !(request.user() instanceof QuarkusHttpUser user) || user.getSecurityIdentity().isAnonymous());
    }

    private static String correlationId(RoutingContext request) {
        String id = request.response().headers().get(CORRELATION_HEADER);
        if (id == null) {
            id = request.request().getHeader(CORRELATION_HEADER);
        }
        // What the API accepts as a correlation id; anything else in the header is not repeated in an event.
        return CorrelationIdFilter.isValid(id) ? id : null;
    }
}
