package com.flightbooking.booking.api;

import com.flightbooking.localinfra.LocalInfraTestResource;
import com.flightbooking.localinfra.LocalInfrastructure;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/** Every {@code @QuarkusTest} of this module runs against real PostgreSQL and fauxqs, started once per run. */
@WithTestResource(value = LocalInfraTestResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database", value = LocalInfrastructure.BOOKING_API_DATABASE))
final class LocalInfra {

    private LocalInfra() {
    }
}
