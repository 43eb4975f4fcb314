package com.flightbooking.booking.api.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

/** Test only: an endpoint with a bug, and one with a typed query parameter. */
@Path("/test-only")
@PermitAll
public class FailingResource {

    static final String INTERNAL_DETAIL = "connection to db-internal.flightbooking.local:5432 refused";

    @GET
    @Path("/bug")
    public String bug() {
        throw new IllegalStateException(INTERNAL_DETAIL);
    }

    @GET
    @Path("/count")
    public int count(@QueryParam("n") int n) {
        return n;
    }
}
