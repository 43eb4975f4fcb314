package com.flightbooking.systemtests.bench;

import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.flightbooking.events.EventType;
import com.flightbooking.localinfra.LocalInfrastructure;
import com.flightbooking.systemtests.RunningSystem;

/**
 * Where a confirmed booking's time went, hop by hop, from what the system recorded anyway: the booking's
 * {@code created_at} and {@code updated_at}, and {@code created_at}/{@code published_at} of the outbox rows of its
 * saga's events in both databases. Each event's outbox row is written in the transaction of the state change that
 * caused it, so a hop from one event's creation to the next one's is the outbox relay, the delivery through SNS/SQS and
 * the next handler (partner call included). Of it, the relay's part runs to {@code published_at}, which the relay sets
 * once SNS has answered, by when the next role may already have the event.
 */
final class SagaHops {

    /** The three hops of POST → CONFIRMED, which add up to its end-to-end time, then the relay's part of each. */
    static final List<String> NAMES = List.of("POST -> charged", "charged -> fulfilled", "fulfilled -> CONFIRMED",
            "of these, relay of requested (POST -> SNS answered)", "relay of charged", "relay of fulfilled");
    /** The first three of {@link #NAMES}: the hops that add up to a booking's end-to-end time. */
    static final List<String> END_TO_END = NAMES.subList(0, 3);

    private static final Duration POLL = Duration.ofMillis(10);
    private static final String OUTBOX = "SELECT subject, event_type, created_at, published_at FROM outbox WHERE"
            + " subject = ANY (?) AND event_type = ANY (?) AND published_at IS NOT NULL";

    private final RunningSystem system;

    SagaHops(RunningSystem system) {
        this.system = system;
    }

    /**
     * Waits for the booking to be CONFIRMED, reading booking-api's database every few milliseconds (no request to the
     * apps, which would run beside the saga); returns its time from {@code created_at} to {@code updated_at}.
     */
    Duration awaitConfirmed(String bookingId) throws SQLException {
        try (Connection connection = system.connect(LocalInfrastructure.BOOKING_API_DATABASE);
                PreparedStatement query = connection.prepareStatement("SELECT status, created_at, updated_at FROM"
                        + " booking WHERE id = ?::uuid AND status = ANY (?)")) {
            query.setString(1, bookingId);
            query.setArray(2, connection.createArrayOf("text", BookingRecords.FINAL.toArray()));
            return await().atMost(Duration.ofMinutes(2)).pollInterval(POLL).until(() -> {
                try (ResultSet row = query.executeQuery()) {
                    if (!row.next()) {
                        return null;
                    }
                    if (!row.getString(1).equals("CONFIRMED")) {
                        throw new IllegalStateException("booking " + bookingId + " ended " + row.getString(1));
                    }
                    return Duration.between(row.getTimestamp(2).toInstant(), row.getTimestamp(3).toInstant());
                }
            }, Objects::nonNull);
        }
    }

    /**
     * The booking's hops in the order of {@link #NAMES}, in milliseconds, once the relays have marked its events
     * published (on a busy machine a relay may mark an event after the rest of the saga has run).
     */
    List<Double> of(String bookingId) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(POLL).until(() -> published(bookingId),
                Objects::nonNull);
    }

    /** The hops, or null while an event of the saga is not marked published. */
    private List<Double> published(String bookingId) throws SQLException {
        return ofConfirmed(List.of(bookingId)).get(bookingId);
    }

    /**
     * The hops, in the order of {@link #NAMES} and in milliseconds, of each of these bookings that is CONFIRMED and
     * whose saga's events the relays have marked published, by booking id: three queries for any number of bookings.
     */
    Map<String, List<Double>> ofConfirmed(Collection<String> bookingIds) throws SQLException {
        Map<String, Instant[]> confirmed = new HashMap<>();
        try (Connection connection = system.connect(LocalInfrastructure.BOOKING_API_DATABASE);
                PreparedStatement query = connection.prepareStatement("SELECT id::text, created_at, updated_at FROM "
                        + "booking WHERE id = ANY (?::uuid[]) AND status = 'CONFIRMED'")) {
            query.setArray(1, connection.createArrayOf("text", bookingIds.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    confirmed.put(rows.getString(1), new Instant[] { rows.getTimestamp(2).toInstant(),
                            rows.getTimestamp(3).toInstant() });
                }
            }
        }
        Map<String, Map<EventType, Instant[]>> api = outbox(LocalInfrastructure.BOOKING_API_DATABASE,
                confirmed.keySet(), EventType.BOOKING_REQUESTED);
        Map<String, Map<EventType, Instant[]>> workers = outbox(LocalInfrastructure.WORKERS_DATABASE,
                confirmed.keySet(), EventType.PAYMENT_CHARGED, EventType.BOOKING_FULFILLED);
        Map<String, List<Double>> hops = new HashMap<>();
        confirmed.forEach((id, booking) -> {
            Instant[] requested = api.getOrDefault(id, Map.of()).get(EventType.BOOKING_REQUESTED);
            Instant[] charged = workers.getOrDefault(id, Map.of()).get(EventType.PAYMENT_CHARGED);
            Instant[] fulfilled = workers.getOrDefault(id, Map.of()).get(EventType.BOOKING_FULFILLED);
            if (requested != null && charged != null && fulfilled != null) {
                Instant created = booking[0];
                hops.put(id, List.of(millis(created, charged[0]), millis(charged[0], fulfilled[0]),
                        millis(fulfilled[0], booking[1]), millis(created, requested[1]), millis(charged[0], charged[1]),
                        millis(fulfilled[0], fulfilled[1])));
            }
        });
        return hops;
    }

    /** p50, p90, p99 and max of each hop over {@code hops} (one list per booking, as {@link #of} returns). */
    static Map<String, String> percentiles(List<List<Double>> hops) {
        Map<String, String> result = new LinkedHashMap<>();
        figures(hops).forEach((hop, figures) -> result.put(hop, "p50 %.1f, p90 %.1f, p99 %.1f, max %.1f"
                .formatted(figures.get("p50"), figures.get("p90"), figures.get("p99"), figures.get("max"))));
        return result;
    }

    /** {@link Percentiles} of each hop over {@code hops} (one list per booking), by hop name in the order of {@link #NAMES}. */
    static Map<String, Map<String, Object>> figures(List<List<Double>> hops) {
        Map<String, Map<String, Object>> result = new LinkedHashMap<>();
        for (int i = 0; i < NAMES.size(); i++) {
            int hop = i;
            result.put(NAMES.get(i), Percentiles.of(hops.stream().map(booking -> booking.get(hop)).toList()));
        }
        return result;
    }

    /** Created and published instants of the bookings' published outbox rows of these types: booking → type → row. */
    private Map<String, Map<EventType, Instant[]>> outbox(String database, Collection<String> bookingIds,
            EventType... types) throws SQLException {
        Map<String, Map<EventType, Instant[]>> rows = new HashMap<>();
        try (Connection connection = system.connect(database);
                PreparedStatement query = connection.prepareStatement(OUTBOX)) {
            query.setArray(1, connection.createArrayOf("text", bookingIds.toArray()));
            query.setArray(2, connection.createArrayOf("text",
                    Arrays.stream(types).map(EventType::ceType).toArray()));
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    EventType type = EventType.fromCeType(row.getString(2)).orElseThrow();
                    rows.computeIfAbsent(row.getString(1), id -> new LinkedHashMap<>()).put(type,
                            new Instant[] { row.getTimestamp(3).toInstant(), row.getTimestamp(4).toInstant() });
                }
            }
        }
        return rows;
    }

    private static double millis(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e6;
    }
}
