package com.flightbooking.localinfra;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Real PostgreSQL and the SNS/SQS emulator on loopback, and the Quarkus configuration that points an app at them.
 * Shared by the tests of both apps and by the local run, so both are wired the same way.
 */
public final class LocalInfrastructure implements AutoCloseable {

    public static final String BOOKING_API_DATABASE = "booking_api";
    public static final String WORKERS_DATABASE = "workers";
    private static final List<String> DATABASES = List.of(BOOKING_API_DATABASE, WORKERS_DATABASE);

    private final LocalPostgres postgres;
    private final LocalFauxqs fauxqs;

    private LocalInfrastructure(LocalPostgres postgres, LocalFauxqs fauxqs) {
        this.postgres = postgres;
        this.fauxqs = fauxqs;
    }

    /**
     * @param postgresPort 0 for any free port
     * @param fauxqsPort 0 for any free port
     * @param dataDirectory where PostgreSQL keeps its data, or null for a throwaway directory
     */
    public static LocalInfrastructure start(int postgresPort, int fauxqsPort, Path dataDirectory,
            Consumer<String> log) {
        return start(postgresPort, fauxqsPort, dataDirectory, Map.of(), log);
    }

    /** @param postgresConfig PostgreSQL settings beyond the local ones ({@link LocalPostgres#start}) */
    public static LocalInfrastructure start(int postgresPort, int fauxqsPort, Path dataDirectory,
            Map<String, String> postgresConfig, Consumer<String> log) {
        UnconfiguredLogging.defaultToInfo();
        LocalFauxqs fauxqs = LocalFauxqs.start(fauxqsPort, log);
        try {
            return new LocalInfrastructure(
                    LocalPostgres.start(postgresPort, dataDirectory, DATABASES, postgresConfig), fauxqs);
        } catch (RuntimeException e) {
            fauxqs.close();
            throw e;
        }
    }

    public String awsEndpoint() {
        return fauxqs.endpoint();
    }

    public LocalPostgres postgres() {
        return postgres;
    }

    public LocalFauxqs fauxqs() {
        return fauxqs;
    }

    /**
     * Configuration for an app using {@code database}: what its local profile cannot know (ports, the database's
     * name). The local profile adds the rest: provisioning on, emulator credentials, readable log lines.
     */
    public Map<String, String> quarkusConfig(String database) {
        return quarkusConfig(postgres, fauxqs.endpoint(), database);
    }

    /** The same configuration for infrastructure started piece by piece, e.g. an emulator a test stops. */
    public static Map<String, String> quarkusConfig(LocalPostgres postgres, String awsEndpoint, String database) {
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.reactive.url", postgres.reactiveUrl(database));
        config.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl(database));
        config.put("quarkus.datasource.username", LocalPostgres.USER);
        config.put("quarkus.datasource.password", LocalPostgres.USER);
        for (String service : List.of("sns", "sqs")) {
            config.put("quarkus." + service + ".endpoint-override", awsEndpoint);
        }
        // Spans leave only for a collector someone configured (the apps read the variable themselves).
        String collector = System.getenv("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT");
        config.put("flights.tracing.export", Boolean.toString(collector != null && !collector.isBlank()));
        return config;
    }

    @Override
    public void close() {
        try {
            fauxqs.close();
        } finally {
            postgres.close();
        }
    }
}
