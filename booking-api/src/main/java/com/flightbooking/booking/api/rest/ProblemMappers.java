package com.flightbooking.booking.api.rest;

import java.util.Comparator;
import java.util.List;
import java.util.stream.StreamSupport;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.flightbooking.booking.api.service.BookingNotCancellableException;
import com.flightbooking.booking.api.service.IdempotencyKeyReusedException;

import io.quarkus.logging.Log;

/**
 * Maps each known failure to an RFC 9457 problem. There is deliberately no catch-all: anything unexpected stays a
 * 500 from Quarkus, logged with its cause.
 */
public class ProblemMappers {

    @ServerExceptionMapper
    public RestResponse<Problem> invalid(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        return Problem.response(Response.Status.BAD_REQUEST, "validation", "The request is not valid.",
                uri.getRequestUri(), errors);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> malformedJson(JsonParseException e, UriInfo uri) {
        return Problem.response(Response.Status.BAD_REQUEST, "malformed-json",
                "The body is not valid JSON (line %d, column %d)."
                        .formatted(e.getLocation().getLineNr(), e.getLocation().getColumnNr()),
                uri.getRequestUri(), List.of());
    }

    @ServerExceptionMapper
    public RestResponse<Problem> unreadableJson(MismatchedInputException e, UriInfo uri) {
        String field = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b)
                .orElse("");
        return Problem.response(Response.Status.BAD_REQUEST, "malformed-json",
                "The body does not match the expected structure.", uri.getRequestUri(),
                List.of(new Problem.FieldError(field.isEmpty() ? "body" : field, "has the wrong type or format")));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> reusedKey(IdempotencyKeyReusedException e, UriInfo uri) {
        return Problem.response(422, "Unprocessable Content", "idempotency-key-reused", e.getMessage(),
                uri.getRequestUri(), List.of());
    }

    @ServerExceptionMapper
    public RestResponse<Problem> notCancellable(BookingNotCancellableException e, UriInfo uri) {
        return Problem.response(Response.Status.CONFLICT, "not-cancellable", e.getMessage(), uri.getRequestUri(),
                List.of());
    }

    @ServerExceptionMapper
    public RestResponse<Problem> http(WebApplicationException e, UriInfo uri) {
        // The JSON reader reports unparseable bodies as a plain 400 that wraps the parser's exception.
        if (e.getCause() instanceof JsonParseException parse) {
            return malformedJson(parse, uri);
        }
        Response.StatusType status = e.getResponse().getStatusInfo();
        if (status.getStatusCode() >= 500) {
            Log.errorf(e, "Request to %s failed", uri.getRequestUri());
        }
        return Problem.response(status, null, e.getMessage(), uri.getRequestUri(), List.of());
    }

    /** {@code create.request.passenger.email} → {@code passenger.email}; header parameters keep their name. */
    private static String fieldOf(ConstraintViolation<?> violation) {
        List<Path.Node> nodes = StreamSupport.stream(violation.getPropertyPath().spliterator(), false).toList();
        List<String> names = nodes.stream()
                .filter(n -> n.getKind() == ElementKind.PROPERTY || n.getKind() == ElementKind.CONTAINER_ELEMENT)
                .map(Path.Node::getName)
                .toList();
        if (!names.isEmpty()) {
            return String.join(".", names);
        }
        return nodes.stream().filter(n -> n.getKind() == ElementKind.PARAMETER).map(ProblemMappers::parameterName)
                .findFirst().orElse("body");
    }

    private static String parameterName(Path.Node node) {
        return switch (node.getName()) {
            case "idempotencyKey" -> BookingResource.IDEMPOTENCY_KEY;
            case "correlationId" -> BookingResource.CORRELATION_ID;
            default -> "body";
        };
    }
}
