package com.flightbooking.workers.admin;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import com.flightbooking.kit.security.Roles;

/** Test only: an ops endpoint with a bug. */
@Path("/admin/test-only/broken")
@RolesAllowed(Roles.OPS)
public class BrokenResource {

    static final String INTERNAL_DETAIL = "queue https://sqs.internal/123456789012/payment is gone";

    @POST
    public String run() {
        throw new IllegalStateException(INTERNAL_DETAIL);
    }
}
