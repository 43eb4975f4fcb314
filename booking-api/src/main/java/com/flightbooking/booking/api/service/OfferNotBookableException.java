package com.flightbooking.booking.api.service;

import java.util.UUID;

import com.flightbooking.kit.problem.ProblemException;

/**
 * A booking named an offer it cannot have: none the API handed out (422), one that expired (409) or one another
 * booking took (409). The remedy is the same: search offers again.
 */
public class OfferNotBookableException extends ProblemException {

    private OfferNotBookableException(int status, String type, String detail) {
        super(status, type, detail);
    }

    static OfferNotBookableException unknown(UUID offerId) {
        return new OfferNotBookableException(422, "offer-unknown",
                "Offer " + offerId + " is not one this API handed out; search offers with GET /offers.");
    }

    static OfferNotBookableException expired(UUID offerId) {
        return new OfferNotBookableException(409, "offer-expired",
                "Offer " + offerId + " has expired; search offers again with GET /offers.");
    }

    static OfferNotBookableException used(UUID offerId) {
        return new OfferNotBookableException(409, "offer-used",
                "Offer " + offerId + " was already booked; search offers again with GET /offers.");
    }
}
