package com.flightbooking.workers.partner;

/** A partner failed in a way that may pass (5xx, 429, 408): the worker kit retries the event with backoff. */
public class PartnerUnavailable extends RuntimeException {

    public PartnerUnavailable(String message) {
        super(message);
    }
}
