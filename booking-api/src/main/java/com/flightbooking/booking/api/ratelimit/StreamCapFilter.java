package com.flightbooking.booking.api.ratelimit;

import java.lang.reflect.Method;

import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import com.flightbooking.booking.api.rest.RequestFilters;
import com.flightbooking.kit.problem.Problem;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Takes a place among the open streams before a {@link StreamCap} method runs, or answers 429 when the client or the
 * instance holds as many as allowed. The place is given back when the HTTP response ends: at the stream's end, its
 * time limit, a refusal such as a 404, or the client going away. The client's cap is advertised as the
 * {@code open-streams} policy in concurrent requests.
 */
public class StreamCapFilter {

    static final String POLICY = "open-streams";

    private final RateLimitConfig config;
    private final RateLimits limits;
    private final ClientKeys clients;
    private final RateLimitMetrics metrics;
    private final CurrentVertxRequest request;

    StreamCapFilter(RateLimitConfig config, RateLimits limits, ClientKeys clients, RateLimitMetrics metrics,
            CurrentVertxRequest request) {
        this.config = config;
        this.limits = limits;
        this.clients = clients;
        this.metrics = metrics;
        this.request = request;
    }

    // After the rate limit: a stream refused for its rate takes no place.
    @ServerRequestFilter(nonBlocking = true, priority = RequestFilters.ABUSE_LIMITS + 1)
    public Uni<RestResponse<Problem>> cap(ResourceInfo resource, UriInfo uri) {
        Method method = resource.getResourceMethod();
        if (method == null || !method.isAnnotationPresent(StreamCap.class) || !config.enabled()) {
            return Uni.createFrom().nullItem();
        }
        RoutingContext context = request.getCurrent();
        return clients.of(context).map(client -> open(client, context, uri));
    }

    private RestResponse<Problem> open(String client, RoutingContext context, UriInfo uri) {
        OpenStreams streams = limits.streams();
        OpenStreams.Slot slot = streams.tryOpen(client);
        context.response().headers()
                .add(RateLimitFilter.POLICY_FIELD,
                        "\"%s\";q=%d;qu=\"concurrent-requests\"".formatted(POLICY, streams.maxPerClient()))
                .add(RateLimitFilter.LIMIT_FIELD, "\"%s\";r=%d".formatted(POLICY, slot.remaining()));
        if (slot.opened()) {
            context.addEndHandler(ended -> slot.close());
            return null;
        }
        long retryAfter = Math.max(1, config.statusStreams().retryAfter().toSeconds());
        if (slot.refusal() == OpenStreams.Refusal.PER_CLIENT) {
            metrics.rejected(RateLimitPolicy.STATUS_STREAMS, RateLimitMetrics.Reason.OPEN_PER_CLIENT);
            return TooManyRequests.answer(uri.getRequestUri(), "too-many-streams",
                    "This client holds %d status streams open already: close one, or try again in %d s."
                            .formatted(streams.maxPerClient(), retryAfter),
                    retryAfter);
        }
        metrics.rejected(RateLimitPolicy.STATUS_STREAMS, RateLimitMetrics.Reason.OPEN_TOTAL);
        return TooManyRequests.answer(uri.getRequestUri(), "too-many-streams",
                "The server holds as many status streams open as it can: try again in %d s.".formatted(retryAfter),
                retryAfter);
    }
}
