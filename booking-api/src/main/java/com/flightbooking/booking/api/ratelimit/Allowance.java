package com.flightbooking.booking.api.ratelimit;

/**
 * One request's answer from a {@link RateLimiter}: whether it may go on, how many more the client may make at once
 * ({@code remaining}) and in how many seconds one more token arrives ({@code resetSeconds}, also the Retry-After of a
 * refusal).
 */
record Allowance(boolean granted, long remaining, long resetSeconds) {
}
