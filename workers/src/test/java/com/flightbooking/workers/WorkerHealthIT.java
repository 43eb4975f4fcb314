package com.flightbooking.workers;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link WorkerHealthTest} against the packaged app: the JVM jar here, the native executable with -Pnative. */
@QuarkusIntegrationTest
class WorkerHealthIT extends WorkerHealthTest {
}
