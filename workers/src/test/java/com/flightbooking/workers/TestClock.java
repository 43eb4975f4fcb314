package com.flightbooking.workers;

import java.time.Clock;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import com.flightbooking.events.testing.MovableClock;

/** In tests the app reads a {@link MovableClock}; inject it to move time (and reset it after the test). */
public class TestClock {

    @Produces
    @Singleton
    MovableClock movableClock() {
        return new MovableClock();
    }

    @Produces
    @Singleton
    Clock clock(MovableClock clock) {
        return clock;
    }
}
