package com.flightbooking.kit.postgres;

import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.flightbooking.localinfra.AppPorts;
import com.flightbooking.localinfra.LocalPostgres;

import io.vertx.mutiny.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;

/**
 * Against a real PostgreSQL that is not up yet when the first channel is listened to, and whose connection is then
 * killed: each time the channel is listened to (again), the listener hears of it, and notifications keep arriving.
 */
class PgNotificationsTest {

    // The first connection is retried with a growing backoff while PostgreSQL starts.
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String CHANNEL = "pg_notifications_test";

    private final Vertx vertx = Vertx.vertx();
    private PgNotifications notifications;
    private LocalPostgres postgres;

    @AfterEach
    void stop() {
        if (notifications != null) {
            notifications.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        vertx.closeAndAwait();
    }

    @Test
    void listensOnceTheDatabaseIsUpAndAgainAfterItsConnectionIsKilled() throws Exception {
        int port = AppPorts.freePort();
        notifications = new PgNotifications(vertx, new PgConnectOptions().setHost("127.0.0.1").setPort(port)
                .setDatabase("postgres").setUser(LocalPostgres.USER));
        List<String> payloads = new CopyOnWriteArrayList<>();
        AtomicInteger listening = new AtomicInteger();

        notifications.listen(CHANNEL, payloads::add, listening::incrementAndGet);
        postgres = LocalPostgres.start(port, null, List.of());

        await().atMost(PATIENCE).until(listening::get, times -> times == 1);
        execute("SELECT pg_notify(?, 'first')", CHANNEL);
        await().atMost(PATIENCE).until(() -> payloads, List.of("first")::equals);

        execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = ?",
                PgNotifications.APPLICATION_NAME);
        await().atMost(PATIENCE).until(listening::get, times -> times == 2);
        execute("SELECT pg_notify(?, 'second')", CHANNEL);
        await().atMost(PATIENCE).until(() -> payloads, List.of("first", "second")::equals);
    }

    private void execute(String sql, String parameter) throws SQLException {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("postgres"), LocalPostgres.USER, "");
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            statement.execute();
        }
    }
}
