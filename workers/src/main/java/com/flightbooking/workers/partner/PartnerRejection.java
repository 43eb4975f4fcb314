package com.flightbooking.workers.partner;

/**
 * A partner understood the request and said no for a business reason (card declined, no seats): retrying cannot
 * change the answer, so the saga takes its failure path.
 */
public class PartnerRejection extends RuntimeException {

    private final String code;

    public PartnerRejection(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
