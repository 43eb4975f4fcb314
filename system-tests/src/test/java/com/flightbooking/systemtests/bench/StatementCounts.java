package com.flightbooking.systemtests.bench;

import java.sql.Connection;
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
    private static final int MOST_FREQUENT = 8;
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
     * Per app database since the last {@link #reset}: statements per booking, of them transaction control ({@code
     * BEGIN}, {@code COMMIT}), and the most frequent statements with their share.
     */
    Map<String, Object> perBooking(int bookings) throws SQLException {
        Map<String, Object> databases = new LinkedHashMap<>();
        for (String database : List.of(LocalInfrastructure.BOOKING_API_DATABASE,
                LocalInfrastructure.WORKERS_DATABASE)) {
            databases.put(database, perBooking(database, Math.max(1, bookings)));
        }
        return databases;
    }

    private Map<String, Object> perBooking(String database, int bookings) throws SQLException {
        long all = 0;
        long transactionControl = 0;
        List<Map<String, Object>> mostFrequent = new ArrayList<>();
        try (Connection connection = system.connect("postgres");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT s.calls, s.query FROM pg_stat_statements s "
                        + "JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = '" + database + "' "
                        + "ORDER BY s.calls DESC")) {
            while (rows.next()) {
                long calls = rows.getLong(1);
                String query = rows.getString(2).replaceAll("\\s+", " ").trim();
                all += calls;
                if (TRANSACTION_CONTROL.contains(query)) {
                    transactionControl += calls;
                }
                if (mostFrequent.size() < MOST_FREQUENT) {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("perBooking", ProcessSample.round((double) calls / bookings));
                    entry.put("statement", query.length() > SHOWN_CHARACTERS ? query.substring(0, SHOWN_CHARACTERS) + " ..."
                            : query);
                    mostFrequent.add(entry);
                }
            }
        }
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("all", ProcessSample.round((double) all / bookings));
        counts.put("beginCommitRollback", ProcessSample.round((double) transactionControl / bookings));
        counts.put("mostFrequent", mostFrequent);
        return counts;
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = system.connect("postgres"); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
