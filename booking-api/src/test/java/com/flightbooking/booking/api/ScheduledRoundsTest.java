package com.flightbooking.booking.api;

import com.flightbooking.events.testing.ScheduledRoundsContract;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ScheduledRoundsTest extends ScheduledRoundsContract {
}
