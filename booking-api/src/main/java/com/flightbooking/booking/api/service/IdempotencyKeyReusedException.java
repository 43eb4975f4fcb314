package com.flightbooking.booking.api.service;

/** The client sent an Idempotency-Key it already used, with a different request. */
public class IdempotencyKeyReusedException extends RuntimeException {

    public IdempotencyKeyReusedException(String idempotencyKey) {
        super("Idempotency-Key '" + idempotencyKey + "' was already used with a different request");
    }
}
