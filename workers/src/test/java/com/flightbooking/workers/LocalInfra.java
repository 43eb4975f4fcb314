package com.flightbooking.workers;

import com.flightbooking.localinfra.LocalInfraTestResource;
import com.flightbooking.localinfra.LocalInfrastructure;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/**
 * Every {@code @QuarkusTest} of this module runs against real PostgreSQL, fauxqs, the partner simulators
 * and the mail server, started once per run.
 */
@WithTestResource(value = LocalInfraTestResource.class, scope = TestResourceScope.GLOBAL, initArgs = {
        @ResourceArg(name = "database", value = LocalInfrastructure.WORKERS_DATABASE),
        @ResourceArg(name = "partners", value = "true") })
final class LocalInfra {

    private LocalInfra() {
    }
}
