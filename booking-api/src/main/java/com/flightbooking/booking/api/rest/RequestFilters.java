package com.flightbooking.booking.api.rest;

import jakarta.ws.rs.Priorities;

/**
 * Priorities of the API's request filters. Quarkus REST refuses to start when a non-blocking filter would run after
 * one that may block, and extensions add such filters at the default priority (OpenTelemetry's names the span after
 * the route): ours are all non-blocking and run before them.
 */
public final class RequestFilters {

    public static final int NON_BLOCKING = Priorities.USER - 100;
    /** The abuse limits run first among ours: a refused request costs no lookup. */
    public static final int ABUSE_LIMITS = NON_BLOCKING - 10;

    private RequestFilters() {
    }
}
