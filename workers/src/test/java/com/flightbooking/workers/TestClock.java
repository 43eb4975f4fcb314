package com.flightbooking.workers;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import com.flightbooking.events.testing.MovableClock;

/**
 * In tests the app's {@code Clock} is a {@link MovableClock} (it replaces the default bean); inject it to move time,
 * and reset it after the test.
 */
public class TestClock {

    @Produces
    @Singleton
    MovableClock clock() {
        return new MovableClock();
    }
}
