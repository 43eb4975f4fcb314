package com.flightbooking.booking.api.service;

import com.flightbooking.kit.problem.ProblemException;

/** The client sent an Idempotency-Key it already used, with a different request. */
public class IdempotencyKeyReusedException extends ProblemException {

    public IdempotencyKeyReusedException(String idempotencyKey) {
        super(422, "idempotency-key-reused",
                "Idempotency-Key '" + idempotencyKey + "' was already used with a different request");
    }
}
