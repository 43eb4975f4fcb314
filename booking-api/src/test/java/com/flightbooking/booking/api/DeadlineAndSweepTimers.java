package com.flightbooking.booking.api;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Two timers the default test configuration keeps out of the way, set for the tests of them; one profile, so one app
 * start for both:
 * <ul>
 * <li>the saga deadline at 3 s, polled every 500 ms ({@code SagaDeadlineTest});</li>
 * <li>the relay's sweep every second (the scheduler's finest step), with backoffs long enough to read off a row: 1 h,
 * doubling, at most 3 h ({@code OutboxRelaySweepTest}).</li>
 * </ul>
 * Neither test touches what the other's timer acts on: the sweep test writes outbox rows, not bookings, and the
 * deadline test's publishes do not fail.
 */
public class DeadlineAndSweepTimers implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("flights.saga.deadline", "3s",
                "flights.saga.poll-interval", "500ms",
                "flights.outbox.relay.sweep-interval", "1s",
                "flights.outbox.relay.initial-backoff", "1h",
                "flights.outbox.relay.max-backoff", "3h");
    }
}
