package com.flightbooking.workers.invoicing;

import java.net.URI;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Refused invoicing requests leave as RFC 9457 problems. Only {@link InvoicingProblem} is mapped here. */
public class InvoicingProblems {

    public record Problem(URI type, String title, int status, String detail, URI instance) {
    }

    @ServerExceptionMapper
    public RestResponse<Problem> refused(InvoicingProblem e, UriInfo uri) {
        Response.Status status = Response.Status.fromStatusCode(e.status());
        return RestResponse.ResponseBuilder.<Problem> create(e.status())
                .entity(new Problem(URI.create("about:blank"), status.getReasonPhrase(), e.status(), e.getMessage(),
                        uri.getRequestUri()))
                .type("application/problem+json")
                .build();
    }
}
