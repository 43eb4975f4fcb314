package com.flightbooking.booking.api;

import com.flightbooking.localinfra.LocalInfraTestResource;
import com.flightbooking.localinfra.LocalInfrastructure;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/**
 * Every {@code @QuarkusTest} of this module runs against real PostgreSQL, fauxqs and the partner simulators (the
 * travel fulfiller's offers), started once per run.
 */
@WithTestResource(value = LocalInfraTestResource.class, scope = TestResourceScope.GLOBAL, initArgs = {
        @ResourceArg(name = "database", value = LocalInfrastructure.BOOKING_API_DATABASE),
        @ResourceArg(name = "partners", value = "true") })
final class LocalInfra {

    private LocalInfra() {
    }
}
