package com.flightbooking.booking.api.service;

final class UniqueViolations {

    private static final String IDEMPOTENCY_KEY_CONSTRAINT = "booking_owner_idempotency_key";

    private UniqueViolations() {
    }

    static boolean isIdempotencyKeyConflict(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && cause.getMessage().contains(IDEMPOTENCY_KEY_CONSTRAINT)) {
                return true;
            }
        }
        return false;
    }
}
