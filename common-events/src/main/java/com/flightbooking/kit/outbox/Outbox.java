package com.flightbooking.kit.outbox;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.flightbooking.events.EventCodec;
import com.flightbooking.events.EventEnvelope;
import com.flightbooking.kit.postgres.PoolRows;
import com.flightbooking.kit.tracing.TraceParents;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
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
    private static final String INSERT_ALL = """
            INSERT INTO outbox (event_id, event_type, subject, correlation_id, traceparent, body, created_at)
            SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
                                 $7::timestamptz[])""";

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
        return connection.preparedQuery(INSERT_ALL)
                .execute(Tuple.tuple().addArrayOfUUID(ids).addArrayOfString(types).addArrayOfString(subjects)
                        .addArrayOfString(correlationIds).addArrayOfString(traceparents).addArrayOfString(bodies)
                        .addArrayOfOffsetDateTime(times))
                .replaceWithVoid();
    }

    private OutboxMessage message(EventEnvelope event) {
        String current = TraceParents.current();
        EventEnvelope traced = current == null ? event : event.withTraceparent(current);
        return OutboxMessage.of(traced, codec.encode(traced));
    }
}
