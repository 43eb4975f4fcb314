package com.flightbooking.booking.api.rest;

import java.net.URI;
import java.util.List;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An RFC 9457 problem details body; {@code errors} lists field-level validation failures. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(URI type, String title, int status, String detail, URI instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPES = "https://flightbooking.dev/problems/";

    public record FieldError(String field, String message) {
    }

    static RestResponse<Problem> response(Response.StatusType status, String type, String detail, URI instance,
            List<FieldError> errors) {
        return response(status.getStatusCode(), status.getReasonPhrase(), type, detail, instance, errors);
    }

    static RestResponse<Problem> response(int status, String title, String type, String detail, URI instance,
            List<FieldError> errors) {
        URI typeUri = type == null ? URI.create("about:blank") : URI.create(TYPES + type);
        Problem problem = new Problem(typeUri, title, status, detail, instance, errors);
        return RestResponse.ResponseBuilder.<Problem> create(status)
                .entity(problem)
                .type(MEDIA_TYPE)
                .build();
    }
}
