package com.flightbooking.kit.schedule;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.interceptor.InterceptorBinding;

/**
 * A scheduled round (a method returning {@code Uni} or {@code void}) that shutdown lets finish before the app closes
 * its pools and clients, and that no longer starts once shutdown has begun. Without it, a round that the scheduler
 * fires while the app drains its consumers fails as the database pool closes under it, and says so in a WARN line on
 * every deploy. See {@link RoundsInFlight}.
 */
@InterceptorBinding
@Target({ METHOD, TYPE })
@Retention(RUNTIME)
public @interface FinishesBeforeShutdown {
}
