package com.flightbooking.workers.admin;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.flightbooking.kit.security.Roles;

/** The ops page's figures: per role message counts, in-flight and DLQ depth; the outbox's backlog and lag. */
@Path("/admin/overview")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.OPS)
public class OverviewResource {

    private final OperationsOverview overview;

    OverviewResource(OperationsOverview overview) {
        this.overview = overview;
    }

    @GET
    public OperationsOverview.Overview overview() {
        return overview.read();
    }
}
