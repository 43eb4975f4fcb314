package com.flightbooking.workers;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Subscriptions without filter policies (the switch off): every event reaches every role's queue, and the consumers'
 * own filters drop what their roles do not take. For the tests of that path.
 */
public class FiltersInTheConsumerOnly implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("flights.messaging.provisioning.apply-filters-to-subscriptions", "false");
    }
}
