package com.flightbooking.localinfra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Real PostgreSQL binaries on loopback, one database per app. Data lives in {@code dataDirectory} when given (local
 * runs keep their bookings across restarts) or in a temporary directory removed on close (tests).
 */
public final class LocalPostgres implements AutoCloseable {

    public static final String USER = "postgres";

    private final Path dataDirectory;
    private final Map<String, String> serverConfig;
    private volatile EmbeddedPostgres postgres;

    private LocalPostgres(EmbeddedPostgres postgres, Path dataDirectory, Map<String, String> serverConfig) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        this.serverConfig = serverConfig;
    }

    public static LocalPostgres start(int port, Path dataDirectory, List<String> databases) {
        return start(port, dataDirectory, databases, Map.of());
    }

    /** @param serverConfig settings beyond the local ones, e.g. a benchmark's {@code shared_preload_libraries} */
    public static LocalPostgres start(int port, Path dataDirectory, List<String> databases,
            Map<String, String> serverConfig) {
        LocalPostgres local = new LocalPostgres(embedded(port, dataDirectory, serverConfig), dataDirectory,
                Map.copyOf(serverConfig));
        local.createDatabases(databases);
        return local;
    }

    private static EmbeddedPostgres embedded(int port, Path dataDirectory, Map<String, String> serverConfig) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPort(port)
                    // Whoever starts it stops it, in order: a hook of its own would stop it under running apps.
                    .setRegisterShutdownHook(false)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "200")
                    // Only a crash of the machine loses what the operating system has not written yet.
                    .setServerConfig("fsync", "off")
                    // Durability is irrelevant for throwaway data; speed is not.
                    .setServerConfig("synchronous_commit", "off");
            if (dataDirectory != null) {
                // Data kept across restarts keeps every commit the server acknowledged, also when the server is
                // killed (kill -9 loses the commits still in its memory, which the fault suite found as an email the
                // database had marked sent, then forgot, and sent again).
                builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false)
                        .setServerConfig("synchronous_commit", "on");
            }
            serverConfig.forEach(builder::setServerConfig);
            return builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start embedded PostgreSQL on port " + port, e);
        }
    }

    /**
     * Restarts the server on the same port and data directory, as an orchestrator restarts a database: a clean stop
     * ({@code pg_ctl stop -m fast}) or, with {@code crash}, kill -9 of the postmaster, so the new server recovers from
     * its write-ahead log. Needs a data directory of its own ({@link #start} with one): a throwaway one is deleted on
     * stop.
     */
    public synchronized void restart(boolean crash) {
        if (dataDirectory == null) {
            throw new IllegalStateException("Only a server with a data directory of its own can be restarted");
        }
        int port = port();
        if (crash) {
            ProcessHandle postmaster = ProcessHandle.of(postmasterPid(dataDirectory))
                    .orElseThrow(() -> new IllegalStateException("The postmaster is not running"));
            postmaster.destroyForcibly();
            postmaster.onExit().join();
        }
        // After a crash this stop finds no server, and only releases the data directory's lock.
        close();
        postgres = embedded(port, dataDirectory, serverConfig);
    }

    /** The postmaster's process id: the first line of {@code postmaster.pid} in its data directory. */
    private static long postmasterPid(Path dataDirectory) {
        try {
            return Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the postmaster's pid", e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    public String reactiveUrl(String database) {
        return "postgresql://127.0.0.1:" + port() + "/" + database;
    }

    private void createDatabases(List<String> databases) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            for (String database : databases) {
                var exists = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'");
                if (!exists.next()) {
                    statement.execute("CREATE DATABASE " + database);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create databases " + databases, e);
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot stop embedded PostgreSQL", e);
        }
    }
}
