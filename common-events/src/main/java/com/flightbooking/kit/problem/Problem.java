package com.flightbooking.kit.problem;

import java.net.URI;
import java.util.List;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The RFC 9457 problem details body both apps answer errors with; {@code errors} names the invalid fields of a 400.
 * A problem with a {@code type} of its own says so under {@value #TYPES}; the others are {@code about:blank}, whose
 * title is the status's reason phrase.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(URI type, String title, int status, String detail, URI instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPES = "https://flightbooking.dev/problems/";
    private static final URI ABOUT_BLANK = URI.create("about:blank");

    /** One invalid field: its name as the client sent it (a JSON path, a header, a query parameter) and why. */
    public record FieldError(String field, String message) {
    }

    /** {@code type} is the slug after {@value #TYPES}, or null for {@code about:blank}. */
    public static Problem of(int status, String type, String detail, URI instance, List<FieldError> errors) {
        return new Problem(type == null ? ABOUT_BLANK : URI.create(TYPES + type), title(status), status, detail,
                instance, errors);
    }

    public RestResponse<Problem> toResponse() {
        return RestResponse.ResponseBuilder.<Problem> create(status).entity(this).type(MEDIA_TYPE).build();
    }

    /** The RFC 9110 reason phrase, also for the statuses the Jakarta REST enum lacks. */
    static String title(int status) {
        return switch (status) {
            case 413 -> "Content Too Large";
            case 422 -> "Unprocessable Content";
            default -> {
                Response.Status known = Response.Status.fromStatusCode(status);
                yield known != null ? known.getReasonPhrase() : "HTTP " + status;
            }
        };
    }
}
