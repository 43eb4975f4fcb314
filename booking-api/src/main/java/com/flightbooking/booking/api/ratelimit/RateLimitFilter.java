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
 * Takes a token from the client's bucket before a {@link RateLimited} method runs (and before its body is read), and
 * answers 429 when there is none. Every answer of a limited method carries the RateLimit-Policy and RateLimit fields
 * of draft-ietf-httpapi-ratelimit-headers, the 429 also Retry-After.
 */
public class RateLimitFilter {

    static final String POLICY_FIELD = "RateLimit-Policy";
    static final String LIMIT_FIELD = "RateLimit";

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
    public Uni<RestResponse<Problem>> limit(ResourceInfo resource, UriInfo uri) {
        Method method = resource.getResourceMethod();
        RateLimited limited = method == null ? null : method.getAnnotation(RateLimited.class);
        if (limited == null || !config.enabled()) {
            return Uni.createFrom().nullItem();
        }
        RoutingContext context = request.getCurrent();
        return clients.of(context).map(client -> admit(limited.value(), client, context, uri));
    }

    private RestResponse<Problem> admit(RateLimitPolicy policy, String client, RoutingContext context, UriInfo uri) {
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
}
