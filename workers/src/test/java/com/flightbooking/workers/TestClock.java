package com.flightbooking.workers;

import java.time.Clock;

import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Singleton;

import com.flightbooking.events.testing.MovableClock;

/** In tests the app reads a {@link MovableClock}; inject it to move time (and reset it after the test). */
public class TestClock {

    // Only as a MovableClock: as a Clock too, it would be a second Clock bean next to clock() below.
    @Produces
    @Singleton
    @Typed(MovableClock.class)
    MovableClock movableClock() {
        return new MovableClock();
    }

    @Produces
    @Singleton
    Clock clock(MovableClock clock) {
        return clock;
    }
}
