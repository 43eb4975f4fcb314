package com.flightbooking.kit.consumer;

/**
 * Thrown (or failed with) by a handler when retrying cannot help — a partner's 4xx, an event version it cannot
 * process. The message goes to the role's dead-letter queue at once, with this message as the reason.
 */
public class PermanentFailure extends RuntimeException {

    public PermanentFailure(String reason) {
        super(reason);
    }

    public PermanentFailure(String reason, Throwable cause) {
        super(reason, cause);
    }
}
