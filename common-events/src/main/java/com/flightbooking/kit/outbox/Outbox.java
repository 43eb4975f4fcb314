package com.flightbooking.kit.outbox;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import com.flightbooking.events.EventCodec;
import com.flightbooking.events.EventEnvelope;
import com.flightbooking.kit.postgres.PoolRows;
import com.flightbooking.kit.tracing.TraceParents;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Appends events to the outbox within the caller's transaction. Nothing is sent here: the relay publishes after
 * commit, so an event leaves if and only if the state change that caused it was committed. Each event is stored
 * with the trace context current at the append (the HTTP request, or the delivery a worker is handling), so its
 * consumers continue that trace; an event appended outside any trace keeps the context it was given.
 */
@ApplicationScoped
public class Outbox {

    // The columns OutboxMessage maps, one row per array element, in one statement (the trigger notifies once).
    private static final String INSERT_ALL = insertAll(0);

    private final EventCodec codec;

    Outbox(EventCodec codec) {
        this.codec = codec;
    }

    /** Within the current Hibernate Reactive transaction. */
    public Uni<Void> append(EventEnvelope event) {
        OutboxMessage message = message(event);
        return Panache.getSession().chain(session -> session.persist(message));
    }

    /**
     * Within a transaction the caller holds on {@code connection}: for batch work on the Vert.x pool, many events in
     * one statement, in list order.
     */
    public Uni<Void> append(SqlConnection connection, List<EventEnvelope> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery(INSERT_ALL).execute(withEvents(Tuple.tuple(), events)).replaceWithVoid();
    }

    /**
     * Makes {@code write} and appends {@code events} when it wrote something, in one statement: atomic without a
     * transaction, one round trip. For a step whose whole transaction would be one conditional write and its
     * announcement, where BEGIN, a row lock and COMMIT cost more than the write (issue #13). True when it wrote.
     */
    public Uni<Boolean> appendIfWritten(SqlClient client, ConditionalWrite write, List<EventEnvelope> events) {
        return execute(client, write, events).map(rows -> rows.rowCount() > 0);
    }

    /**
     * {@link #appendIfWritten}, for a statement built with a {@code returning} expression: what {@code returned} maps
     * from it when the write was made, null when it was not.
     */
    public <T> Uni<T> appendIfWritten(SqlClient client, ConditionalWrite write, List<EventEnvelope> events,
            Function<Row, T> returned) {
        return execute(client, write, events).map(rows -> PoolRows.firstOrNull(rows, returned));
    }

    private Uni<RowSet<Row>> execute(SqlClient client, ConditionalWrite write, List<EventEnvelope> events) {
        if (events.isEmpty()) {
            throw new IllegalArgumentException("A conditional write appends at least one event");
        }
        return client.preparedQuery(write.statement()).execute(withEvents(write.parameters(), events));
    }

    /** Adds the events' columns to {@code tuple}, as the arrays {@link #insertAll} reads. */
    private Tuple withEvents(Tuple tuple, List<EventEnvelope> events) {
        int size = events.size();
        UUID[] ids = new UUID[size];
        String[] types = new String[size];
        String[] subjects = new String[size];
        String[] correlationIds = new String[size];
        String[] traceparents = new String[size];
        String[] bodies = new String[size];
        OffsetDateTime[] times = new OffsetDateTime[size];
        for (int i = 0; i < size; i++) {
            OutboxMessage message = message(events.get(i));
            ids[i] = message.eventId;
            types[i] = message.eventType;
            subjects[i] = message.subject;
            correlationIds[i] = message.correlationId;
            traceparents[i] = message.traceparent;
            bodies[i] = message.body;
            times[i] = PoolRows.utc(message.createdAt);
        }
        return tuple.addArrayOfUUID(ids).addArrayOfString(types).addArrayOfString(subjects)
                .addArrayOfString(correlationIds).addArrayOfString(traceparents).addArrayOfString(bodies)
                .addArrayOfOffsetDateTime(times);
    }

    /** The outbox insert of an array of events, its parameters numbered after the first {@code skipped}. */
    private static String insertAll(int skipped) {
        StringBuilder arrays = new StringBuilder();
        String[] types = { "uuid", "text", "text", "text", "text", "text", "timestamptz" };
        for (int i = 0; i < types.length; i++) {
            arrays.append(i == 0 ? "" : ", ").append('$').append(skipped + i + 1).append("::").append(types[i])
                    .append("[]");
        }
        return """
                INSERT INTO outbox (event_id, event_type, subject, correlation_id, traceparent, body, created_at)
                SELECT * FROM unnest(%s)""".formatted(arrays);
    }

    /**
     * A write for {@link #appendIfWritten}: the statement, built once by {@link #statement}, and this call's parameters
     * ($1 to $n; the events' follow).
     */
    public record ConditionalWrite(String statement, Tuple parameters) {

        /**
         * {@code withQueries}, the list of a WITH clause (without the WITH) with {@code parameters} parameters, one
         * query named {@code written} that returns a row when it wrote; then the outbox insert, which takes place
         * when {@code written} returned one.
         */
        public static String statement(String withQueries, int parameters) {
            return "WITH " + withQueries + "\n" + insertAll(parameters) + "\nWHERE EXISTS (SELECT 1 FROM written)";
        }

        /** {@link #statement(String, int)} that also returns {@code returning}, a column of {@code written}. */
        public static String statement(String withQueries, int parameters, String returning) {
            return statement(withQueries, parameters) + "\nRETURNING (SELECT %s FROM written) AS %<s"
                    .formatted(returning);
        }
    }

    private OutboxMessage message(EventEnvelope event) {
        String current = TraceParents.current();
        EventEnvelope traced = current == null ? event : event.withTraceparent(current);
        return OutboxMessage.of(traced, codec.encode(traced));
    }
}
