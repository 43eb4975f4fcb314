package com.flightbooking.events;

/**
 * A message that can never be processed as it is (not JSON, not a CloudEvent, unknown type, missing attribute).
 * Retrying it cannot help: consumers treat it as poison.
 */
public class UndecodableEventException extends RuntimeException {

    public UndecodableEventException(String reason) {
        super(reason);
    }

    public UndecodableEventException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
