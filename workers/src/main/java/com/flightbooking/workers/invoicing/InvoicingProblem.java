package com.flightbooking.workers.invoicing;

/** A request the invoicing endpoints refuse, with the HTTP status and the reason to show ops. */
public class InvoicingProblem extends RuntimeException {

    private final int status;

    private InvoicingProblem(int status, String detail) {
        super(detail);
        this.status = status;
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

    public int status() {
        return status;
    }
}
