package com.flightbooking.localinfra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalPostgresTest {

    @Test
    void dataKeptAcrossRestartsKeepsEveryAcknowledgedCommitThroughAKill(@TempDir Path data) throws SQLException {
        try (LocalPostgres postgres = LocalPostgres.start(0, data, List.of("bookings"))) {
            assertThat(setting(postgres, "synchronous_commit")).isEqualTo("on");
            execute(postgres, "CREATE TABLE booking (id int PRIMARY KEY)");
            execute(postgres, "INSERT INTO booking VALUES (1)");

            postgres.restart(true);

            assertThat(count(postgres)).isEqualTo(1);
        }
    }

    @Test
    void throwawayDataTradesDurabilityForSpeed() throws SQLException {
        try (LocalPostgres postgres = LocalPostgres.start(0, null, List.of("bookings"))) {
            assertThat(setting(postgres, "synchronous_commit")).isEqualTo("off");
        }
    }

    @Test
    void settingsGivenOnStartHoldThroughARestart(@TempDir Path data) throws SQLException {
        try (LocalPostgres postgres = LocalPostgres.start(0, data, List.of("bookings"),
                Map.of("shared_preload_libraries", "pg_stat_statements"))) {
            assertThat(setting(postgres, "shared_preload_libraries")).isEqualTo("pg_stat_statements");

            postgres.restart(false);

            assertThat(setting(postgres, "shared_preload_libraries")).isEqualTo("pg_stat_statements");
        }
    }

    private static String setting(LocalPostgres postgres, String name) throws SQLException {
        try (Connection connection = connect(postgres);
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SHOW " + name)) {
            row.next();
            return row.getString(1);
        }
    }

    private static long count(LocalPostgres postgres) throws SQLException {
        try (Connection connection = connect(postgres);
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT count(*) FROM booking")) {
            row.next();
            return row.getLong(1);
        }
    }

    private static void execute(LocalPostgres postgres, String sql) throws SQLException {
        try (Connection connection = connect(postgres); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static Connection connect(LocalPostgres postgres) throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl("bookings"), LocalPostgres.USER, LocalPostgres.USER);
    }
}
