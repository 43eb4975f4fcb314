package com.flightbooking.booking.api.ratelimit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Each client may call the method at the policy's rate: {@link RateLimitFilter} answers 429 beyond it, before the
 * method runs or its body is read, and sends the RateLimit fields on every answer.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RateLimited {

    String DESCRIPTION = "Too many requests from this client: Retry-After says when to try again; every answer"
            + " carries the RateLimit-Policy and RateLimit fields";

    RateLimitPolicy value();
}
