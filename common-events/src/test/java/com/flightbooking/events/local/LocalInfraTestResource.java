package com.flightbooking.events.local;

import java.util.Map;
import java.util.UUID;

import io.quarkus.logging.Log;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts real PostgreSQL and fauxqs for a {@code @QuarkusTest} run, and gives every topic and queue a suffix unique
 * to the run. Argument {@code database}: which app database the tests use.
 */
public class LocalInfraTestResource implements QuarkusTestResourceLifecycleManager {

    private LocalInfrastructure infrastructure;
    private String database;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", LocalInfrastructure.BOOKING_API_DATABASE);
    }

    @Override
    public Map<String, String> start() {
        infrastructure = LocalInfrastructure.start(0, 0, null, line -> Log.info(line));
        Map<String, String> config = infrastructure.quarkusConfig(database);
        config.put("flights.messaging.name-suffix", "-" + UUID.randomUUID().toString().substring(0, 8));
        config.put("test.aws.endpoint", infrastructure.awsEndpoint());
        config.put("test.postgres.port", Integer.toString(infrastructure.postgres().port()));
        return config;
    }

    @Override
    public void stop() {
        if (infrastructure != null) {
            infrastructure.close();
        }
    }
}
