package com.flightbooking.kit.problem;

import java.net.URI;
import java.util.List;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.flightbooking.kit.postgres.DatabaseConfig;
import com.flightbooking.kit.problem.Problem.FieldError;

import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * Every error of both apps leaves as a {@link Problem}: invalid input as a 400 naming what is wrong, a
 * {@link ProblemException} and a Jakarta REST exception with their own status, PostgreSQL out of reach as a 503 with
 * {@code Retry-After}, and anything else as a 500 that tells the caller nothing about the server. A 500 is a bug: its
 * cause is logged at ERROR, in the request's log context (correlation id, trace), for whoever fixes it.
 */
public class ProblemMappers {

    static final String UNEXPECTED = "The server failed to answer this request. The failure is logged for the team.";
    static final String DATABASE_UNAVAILABLE = "The service cannot reach its database right now. Retry later.";

    private final String retryAfterSeconds;

    ProblemMappers(DatabaseConfig database) {
        this.retryAfterSeconds = Long.toString(Math.max(1, database.retryAfter().toSeconds()));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> invalid(ConstraintViolationException e, UriInfo uri, ResourceInfo resource) {
        return Problem.of(400, "validation", ProblemException.INVALID_REQUEST, instance(uri),
                InvalidFields.of(e.getConstraintViolations(), resource.getResourceMethod())).toResponse();
    }

    @ServerExceptionMapper
    public RestResponse<Problem> malformedJson(JsonParseException e, UriInfo uri) {
        return Problem.of(400, "malformed-json", "The body is not valid JSON (line %d, column %d)."
                .formatted(e.getLocation().getLineNr(), e.getLocation().getColumnNr()), instance(uri),
                List.of()).toResponse();
    }

    @ServerExceptionMapper
    public RestResponse<Problem> unreadableJson(MismatchedInputException e, UriInfo uri) {
        return Problem.of(400, "malformed-json", "The body does not match the expected structure.",
                instance(uri), List.of(InvalidFields.of(e))).toResponse();
    }

    @ServerExceptionMapper
    public RestResponse<Problem> refused(ProblemException e, UriInfo uri) {
        return Problem.of(e.status(), e.type(), e.getMessage(), instance(uri), e.errors()).toResponse();
    }

    /** No credentials, or none that hold: RFC 6750 asks for the scheme in {@code WWW-Authenticate}. */
    @ServerExceptionMapper
    public RestResponse<Problem> unauthenticated(UnauthorizedException e, UriInfo uri) {
        return unauthenticated(uri, "Bearer");
    }

    @ServerExceptionMapper
    public RestResponse<Problem> badCredentials(AuthenticationFailedException e, UriInfo uri) {
        return unauthenticated(uri, "Bearer error=\"invalid_token\"");
    }

    @ServerExceptionMapper
    public RestResponse<Problem> forbidden(ForbiddenException e, UriInfo uri) {
        return Problem.of(403, null, "Your credentials do not allow this request.", instance(uri), List.of())
                .toResponse();
    }

    private static RestResponse<Problem> unauthenticated(UriInfo uri, String challenge) {
        Problem problem = Problem.of(401, null, "This request needs a valid bearer token.", instance(uri),
                List.of());
        return RestResponse.ResponseBuilder.<Problem> create(401).entity(problem).type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.WWW_AUTHENTICATE, challenge).build();
    }

    /**
     * Jakarta REST reports a path or query parameter that does not convert (the cause) as a 404: it is a bad request,
     * answered as a 400 naming the parameter.
     */
    @ServerExceptionMapper
    public RestResponse<Problem> notFound(NotFoundException e, UriInfo uri, ResourceInfo resource) {
        if (e.getCause() != null) {
            List<FieldError> errors = Parameters.unconvertible(resource.getResourceMethod(), uri).stream()
                    .map(name -> new FieldError(name, "has the wrong type or format")).toList();
            return Problem.of(400, "validation", ProblemException.INVALID_REQUEST, instance(uri), errors)
                    .toResponse();
        }
        return Problem.of(404, null, e.getMessage(), instance(uri), List.of()).toResponse();
    }

    /**
     * Method not allowed, unsupported or unacceptable media type, a header of the wrong type (400), and whatever a
     * resource throws with a status. A 5xx is a failure of this server and is answered as one.
     */
    @ServerExceptionMapper
    public RestResponse<Problem> http(WebApplicationException e, UriInfo uri, Request request) {
        // The JSON reader reports unparseable bodies as a plain 400 that wraps the parser's exception.
        if (e.getCause() instanceof JsonParseException parse) {
            return malformedJson(parse, uri);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return failed(status, e, uri, request);
        }
        return Problem.of(status, null, e.getMessage(), instance(uri), List.of()).toResponse();
    }

    /**
     * The last resort: what no other mapper knows is a bug, whatever it says, so none of it reaches the caller; but
     * the database out of reach is an outage that passes, answered as a 503 the client may retry and logged in one
     * line (every request fails alike while it lasts).
     */
    @ServerExceptionMapper
    public RestResponse<Problem> unexpected(Throwable e, UriInfo uri, Request request) {
        String unreachable = DatabaseUnavailable.reason(e);
        if (unreachable != null) {
            Log.warnf("%s %s answered 503, the database is unavailable: %s", request.getMethod(), uri.getPath(),
                    unreachable);
            Problem problem = Problem.of(503, "database-unavailable", DATABASE_UNAVAILABLE, instance(uri), List.of());
            return RestResponse.ResponseBuilder.<Problem> create(503).entity(problem).type(Problem.MEDIA_TYPE)
                    .header(HttpHeaders.RETRY_AFTER, retryAfterSeconds).build();
        }
        return failed(500, e, uri, request);
    }

    private static RestResponse<Problem> failed(int status, Throwable cause, UriInfo uri, Request request) {
        Log.errorf(cause, "%s %s failed with %d", request.getMethod(), uri.getPath(), status);
        return Problem.of(status, null, UNEXPECTED, instance(uri), List.of()).toResponse();
    }

    private static URI instance(UriInfo uri) {
        return Instances.of(uri.getRequestUri().getRawPath());
    }
}
