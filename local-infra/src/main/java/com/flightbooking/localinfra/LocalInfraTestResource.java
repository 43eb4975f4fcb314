package com.flightbooking.localinfra;

import java.util.Map;
import java.util.UUID;

import org.jboss.logging.Logger;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts real PostgreSQL and fauxqs for a {@code @QuarkusTest} run, and gives every topic and queue a suffix unique
 * to the run, and the OIDC server tokens come from ({@link LocalTokens} asks it). Arguments: {@code database}, which app
 * database the tests use; {@code partners=true} also starts the
 * partner simulators and the mail server ({@link LocalPartners}), and points the workers' booking API client at
 * WireMock's {@code /booking-api}, where tests stub the bookings they need (no booking API runs in those tests).
 */
public class LocalInfraTestResource implements QuarkusTestResourceLifecycleManager {

    private static final Logger LOG = Logger.getLogger(LocalInfraTestResource.class);

    /** The path under the partner simulators' base URL where tests stub the booking API. */
    public static final String BOOKING_API_STUBS = "/booking-api";

    private LocalInfrastructure infrastructure;
    private LocalPartners partners;
    private LocalOidc oidc;
    private String database;
    private boolean withPartners;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", LocalInfrastructure.BOOKING_API_DATABASE);
        withPartners = Boolean.parseBoolean(initArgs.getOrDefault("partners", "false"));
    }

    @Override
    public Map<String, String> start() {
        infrastructure = LocalInfrastructure.start(0, 0, null, LOG::info);
        Map<String, String> config = infrastructure.quarkusConfig(database);
        oidc = LocalOidc.start(0);
        config.putAll(oidc.quarkusConfig());
        System.setProperty(LocalTokens.TEST_ISSUER_PROPERTY, oidc.issuerUrl());
        config.put("flights.messaging.name-suffix", "-" + UUID.randomUUID().toString().substring(0, 8));
        config.put("test.aws.endpoint", infrastructure.awsEndpoint());
        config.put("test.postgres.port", Integer.toString(infrastructure.postgres().port()));
        if (withPartners) {
            partners = LocalPartners.start(0, 0, 0);
            config.putAll(partners.quarkusConfig());
            config.put("quarkus.rest-client.booking-api.url", partners.baseUrl() + BOOKING_API_STUBS);
            config.put("test.partners.port", Integer.toString(partners.httpPort()));
            config.put("test.partners.pop3-port", Integer.toString(partners.pop3Port()));
        }
        return config;
    }

    @Override
    public void stop() {
        if (partners != null) {
            partners.close();
        }
        if (oidc != null) {
            oidc.close();
        }
        if (infrastructure != null) {
            infrastructure.close();
        }
    }
}
