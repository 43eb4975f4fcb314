package com.flightbooking.booking.api.service;

import com.flightbooking.kit.problem.ProblemException;

/** The caller's token does not name the corporate account the booking is for. */
public class CorporateAccountNotAllowedException extends ProblemException {

    public CorporateAccountNotAllowedException() {
        super(403, "corporate-account-not-allowed",
                "Your token does not allow booking on this corporate account.");
    }
}
