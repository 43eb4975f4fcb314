package com.flightbooking.kit.problem;

import java.util.List;

import com.flightbooking.kit.problem.Problem.FieldError;

/**
 * A failure the caller can act on, answered by {@link ProblemMappers} as a problem with this status, type and
 * detail (the message). A domain exception extends it to say how it leaves over HTTP; its message must therefore
 * hold nothing the caller may not read.
 */
public class ProblemException extends RuntimeException {

    static final String INVALID_REQUEST = "The request is not valid.";

    private final int status;
    private final String type;
    private final List<FieldError> errors;

    /** {@code type} is the problem type's slug (see {@link Problem#of}), or null for {@code about:blank}. */
    public ProblemException(int status, String type, String detail) {
        this(status, type, detail, List.of());
    }

    private ProblemException(int status, String type, String detail, List<FieldError> errors) {
        super(detail);
        this.status = status;
        this.type = type;
        this.errors = List.copyOf(errors);
    }

    /**
     * A 400 naming one invalid field as the client sent it (a header, a query or path parameter, a JSON path), the
     * same problem as a Bean Validation failure. {@code message} must not repeat the value.
     */
    public static ProblemException invalid(String field, String message) {
        return new ProblemException(400, "validation", INVALID_REQUEST, List.of(new FieldError(field, message)));
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
