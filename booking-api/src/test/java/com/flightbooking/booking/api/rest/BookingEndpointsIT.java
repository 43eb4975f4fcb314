package com.flightbooking.booking.api.rest;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link BookingEndpointsTest} against the packaged app: the JVM jar here, the native executable with -Pnative. */
@QuarkusIntegrationTest
class BookingEndpointsIT extends BookingEndpointsTest {
}
