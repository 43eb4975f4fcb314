package com.flightbooking.booking.api.fulfiller;

import com.flightbooking.kit.problem.ProblemException;

/** The travel fulfiller failed to answer an offer search; the search may be repeated. */
public class FulfillerUnavailableException extends ProblemException {

    private final String reason;

    public FulfillerUnavailableException(String reason) {
        super(503, "fulfiller-unavailable", "The travel fulfiller did not answer; try again shortly.");
        this.reason = reason;
    }

    /** What went wrong, for the log; not for the caller. */
    public String reason() {
        return reason;
    }
}
