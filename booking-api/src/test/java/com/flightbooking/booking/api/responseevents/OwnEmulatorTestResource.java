package com.flightbooking.booking.api.responseevents;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.flightbooking.localinfra.LocalFauxqs;
import com.flightbooking.localinfra.LocalInfrastructure;
import com.flightbooking.localinfra.LocalPostgres;

import io.quarkus.logging.Log;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * PostgreSQL and an SNS/SQS emulator of the test's own, instead of the run's shared ones, so that the test can stop
 * the emulator ({@link LocalFauxqs} fields of the test are set) without affecting any other test.
 */
public class OwnEmulatorTestResource implements QuarkusTestResourceLifecycleManager {

    private LocalPostgres postgres;
    private LocalFauxqs fauxqs;

    @Override
    public Map<String, String> start() {
        fauxqs = LocalFauxqs.start(0, line -> Log.info(line));
        postgres = LocalPostgres.start(0, null, List.of(LocalInfrastructure.BOOKING_API_DATABASE));
        Map<String, String> config = LocalInfrastructure.quarkusConfig(postgres, fauxqs.endpoint(),
                LocalInfrastructure.BOOKING_API_DATABASE);
        config.put("flights.messaging.name-suffix", "-" + UUID.randomUUID().toString().substring(0, 8));
        return config;
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(fauxqs, new TestInjector.MatchesType(LocalFauxqs.class));
    }

    @Override
    public void stop() {
        if (fauxqs != null) {
            fauxqs.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }
}
