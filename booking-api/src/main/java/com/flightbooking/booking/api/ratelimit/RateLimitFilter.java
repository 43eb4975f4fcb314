package com.flightbooking.booking.api.ratelimit;

import java.lang.reflect.Method;
import java.util.function.BiFunction;

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
 * The abuse limits, before a limited method runs (and before its body is read): a token from the client's bucket for
 * a {@link RateLimited} method, then a place among the open streams for a {@link StreamCap} one; 429 without. Every
 * answer of such a method carries the RateLimit-Policy and RateLimit fields of draft-ietf-httpapi-ratelimit-headers,
 * a 429 also Retry-After. A stream's place is given back when the HTTP response ends: at the stream's end, its time
 * limit, a refusal such as a 404, or the client going away.
 */
public class RateLimitFilter {

    static final String POLICY_FIELD = "RateLimit-Policy";
    static final String LIMIT_FIELD = "RateLimit";
    static final String OPEN_STREAMS = "open-streams";

    private final RateLimitConfig config;
    private final RateLimits limits;
    private final ClientKeys clients;
    private final RateLimitMetrics metrics;
    private final CurrentVertxRequest request;

    RateLimitFilter(RateLimitConfig config, RateLimits limits, ClientKeys clients, RateLimitMetrics metrics,
            CurrentVertxRequest request) {
        this.config = config;
        this.limits = limits;
        this.clients = clients;
        this.metrics = metrics;
        this.request = request;
    }

    @ServerRequestFilter(nonBlocking = true, priority = RequestFilters.ABUSE_LIMITS)
    public Uni<RestResponse<Problem>> limitRate(ResourceInfo resource, UriInfo uri) {
        Method method = resource.getResourceMethod();
        RateLimited limited = method == null ? null : method.getAnnotation(RateLimited.class);
        return limited == null ? Uni.createFrom().nullItem()
                : forClient((client, context) -> takeToken(limited.value(), client, context, uri));
    }

    // After the rate: a stream refused for its rate takes no place.
    @ServerRequestFilter(nonBlocking = true, priority = RequestFilters.ABUSE_LIMITS + 1)
    public Uni<RestResponse<Problem>> capStreams(ResourceInfo resource, UriInfo uri) {
        Method method = resource.getResourceMethod();
        return method == null || !method.isAnnotationPresent(StreamCap.class) ? Uni.createFrom().nullItem()
                : forClient((client, context) -> takePlace(client, context, uri));
    }

    private Uni<RestResponse<Problem>> forClient(BiFunction<String, RoutingContext, RestResponse<Problem>> check) {
        if (!config.enabled()) {
            return Uni.createFrom().nullItem();
        }
        RoutingContext context = request.getCurrent();
        return clients.of(context).map(client -> check.apply(client, context));
    }

    private RestResponse<Problem> takeToken(RateLimitPolicy policy, String client, RoutingContext context,
            UriInfo uri) {
        RateLimiter limiter = limits.limiter(policy);
        Allowance allowance = limiter.acquire(client);
        // On the response itself rather than the answer: so they also go out with a stream's headers.
        context.response().headers().add(POLICY_FIELD, limiter.policyField())
                .add(LIMIT_FIELD, limiter.limitField(allowance));
        if (allowance.granted()) {
            return null;
        }
        metrics.rejected(policy, RateLimitMetrics.Reason.RATE);
        return TooManyRequests.answer(uri.getRequestUri(), "rate-limited", "Too many %s from this client: try again in %d s."
                .formatted(policy.plural(), allowance.resetSeconds()), allowance.resetSeconds());
    }

    private RestResponse<Problem> takePlace(String client, RoutingContext context, UriInfo uri) {
        OpenStreams streams = limits.streams();
        OpenStreams.Slot slot = streams.tryOpen(client);
        context.response().headers()
                .add(POLICY_FIELD,
                        "\"%s\";q=%d;qu=\"concurrent-requests\"".formatted(OPEN_STREAMS, streams.maxPerClient()))
                .add(LIMIT_FIELD, "\"%s\";r=%d".formatted(OPEN_STREAMS, slot.remaining()));
        if (slot.opened()) {
            // The place comes back once, whichever comes first: the response's end, or the client going away mid-stream
            // (a connection closed before the end does not always reach the end handlers).
            context.addEndHandler(ended -> slot.close());
            context.response().closeHandler(closed -> slot.close());
            // And when the stream terminates: the handlers above can both be missed (StreamPlaces).
            context.put(StreamPlaces.PLACE, slot);
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
