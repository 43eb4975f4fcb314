package com.flightbooking.booking.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link HealthTest} against the packaged app: the JVM jar here, the native executable with -Pnative. */
@QuarkusIntegrationTest
class HealthIT extends HealthTest {
}
