package com.flightbooking.booking.api.rest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.ws.rs.NameBinding;

/**
 * The method's {@code {id}} must name a booking the caller may see: its own, or any for operators and booking
 * readers. 404 otherwise, before the method runs, whether the booking exists or not, so the answer does not tell
 * a stranger that it does (OWASP API1).
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
public @interface VisibleBooking {
}
