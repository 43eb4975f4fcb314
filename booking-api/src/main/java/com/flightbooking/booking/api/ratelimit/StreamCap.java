package com.flightbooking.booking.api.ratelimit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The method answers with a long-lived stream: {@link RateLimitFilter} caps how many a client, and the instance,
 * hold open at once (429 beyond), and frees the place when the response ends however it ends.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface StreamCap {

    String DESCRIPTION = "Too many status streams opened by this client lately, or open at once by it or by all"
            + " clients: Retry-After says when to try again";
}
