package com.flightbooking.workers.invoicing;

import com.flightbooking.kit.problem.ProblemException;

/** A request the invoicing endpoints refuse, with the HTTP status and the reason to show ops. */
public class InvoicingProblem extends ProblemException {

    private InvoicingProblem(int status, String detail) {
        super(status, null, detail);
    }

    public static InvoicingProblem badRequest(String detail) {
        return new InvoicingProblem(400, detail);
    }

    public static InvoicingProblem notFound(String detail) {
        return new InvoicingProblem(404, detail);
    }

    public static InvoicingProblem conflict(String detail) {
        return new InvoicingProblem(409, detail);
    }
}
