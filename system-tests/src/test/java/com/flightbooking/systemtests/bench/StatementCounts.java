package com.flightbooking.systemtests.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.flightbooking.localinfra.LocalInfrastructure;
import com.flightbooking.systemtests.RunningSystem;

/**
 * How many SQL statements each app's database ran, from PostgreSQL's {@code pg_stat_statements}, which the load
 * benchmark's server preloads. PostgreSQL's CPU follows the number of statements (0.2-0.3 ms each on the 2-core
 * development machine), and unlike CPU the count does not move with the machine's speed or load: a change that
 * saves statements shows in one run. The benchmark's own probes (outcome polls, backlog counts) are a few dozen
 * statements a phase and count too.
 */
final class StatementCounts {

    /** The server settings that make PostgreSQL count statements from its start. */
    static final Map<String, String> SERVER_CONFIG = Map.of("shared_preload_libraries", "pg_stat_statements");

    private static final Set<String> TRANSACTION_CONTROL = Set.of("BEGIN", "COMMIT", "ROLLBACK");
    private static final int MOST_FREQUENT = 16;
    private static final int SHOWN_CHARACTERS = 100;

    private final RunningSystem system;

    StatementCounts(RunningSystem system) {
        this.system = system;
    }

    /** Creates the extension's view; counting itself runs from the server's start. */
    void install() throws SQLException {
        execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
    }

    /** Starts counting again from zero. */
    void reset() throws SQLException {
        execute("SELECT pg_stat_statements_reset()");
    }

    /**
     * An app database's statements per booking: all of them, of them transaction control ({@code BEGIN},
     * {@code COMMIT}, {@code ROLLBACK}), and the most frequent ones.
     */
    record PerBooking(double all, double beginCommitRollback, List<Frequent> mostFrequent) {
    }

    /** One statement (its first characters) and how often it ran per booking. */
    record Frequent(double perBooking, String statement) {
    }

    /** Per app database since the last {@link #reset}. */
    Map<String, PerBooking> perBooking(int bookings) throws SQLException {
        Map<String, PerBooking> databases = new LinkedHashMap<>();
        for (String database : List.of(LocalInfrastructure.BOOKING_API_DATABASE,
                LocalInfrastructure.WORKERS_DATABASE)) {
            databases.put(database, perBooking(database, Math.max(1, bookings)));
        }
        return databases;
    }

    /** All statements per booking, by database. */
    static Map<String, Double> totals(Map<String, PerBooking> perDatabase) {
        Map<String, Double> totals = new LinkedHashMap<>();
        perDatabase.forEach((database, counts) -> totals.put(database, counts.all()));
        return totals;
    }

    private PerBooking perBooking(String database, int bookings) throws SQLException {
        long all = 0;
        long transactionControl = 0;
        List<Frequent> mostFrequent = new ArrayList<>();
        try (Connection connection = system.connect("postgres");
                PreparedStatement query = connection.prepareStatement("SELECT s.calls, s.query FROM "
                        + "pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = ? "
                        + "ORDER BY s.calls DESC")) {
            query.setString(1, database);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    long calls = rows.getLong(1);
                    String statement = rows.getString(2).replaceAll("\\s+", " ").trim();
                    all += calls;
                    if (TRANSACTION_CONTROL.contains(statement)) {
                        transactionControl += calls;
                    }
                    if (mostFrequent.size() < MOST_FREQUENT) {
                        mostFrequent.add(new Frequent(perBooking(calls, bookings),
                                statement.length() > SHOWN_CHARACTERS ? statement.substring(0, SHOWN_CHARACTERS) + " ..."
                                        : statement));
                    }
                }
            }
        }
        return new PerBooking(perBooking(all, bookings), perBooking(transactionControl, bookings), mostFrequent);
    }

    private static double perBooking(long count, int bookings) {
        return ProcessSample.round((double) count / bookings);
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = system.connect("postgres"); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
