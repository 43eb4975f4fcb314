package com.flightbooking.kit.problem;

/**
 * A failure the caller can act on, answered by {@link ProblemMappers} as a problem with this status, type and
 * detail (the message). A domain exception extends it to say how it leaves over HTTP; its message must therefore
 * hold nothing the caller may not read.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String type;

    /** {@code type} is the problem type's slug (see {@link Problem#of}), or null for {@code about:blank}. */
    public ProblemException(int status, String type, String detail) {
        super(detail);
        this.status = status;
        this.type = type;
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }
}
