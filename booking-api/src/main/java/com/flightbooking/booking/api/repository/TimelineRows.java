package com.flightbooking.booking.api.repository;

import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.flightbooking.booking.api.TimelineEntry;
import com.flightbooking.kit.postgres.PoolRows;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Records timeline steps as one plain statement on the reactive pool: every event about a booking passes here, and a
 * Hibernate session and transaction around an insert cost more than the insert (see {@link BookingRows});
 * {@link TimelineEntryRepository} reads the timeline. The steps of several events go in one statement (the timeline
 * role batches the events its handlers record at the same time).
 */
@ApplicationScoped
public class TimelineRows {

    // One row per array element, in one statement: the steps given are recorded together or not at all.
    private static final String RECORD = """
            INSERT INTO booking_timeline (booking_id, event_id, at, service, event_type, step, outcome, recorded_at)
            SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[], $4::text[], $5::text[], $6::text[],
                                 $7::text[], $8::timestamptz[])
            ON CONFLICT (event_id, step) DO NOTHING
            RETURNING event_id, step""";

    private final Pool pool;

    TimelineRows(Pool pool) {
        this.pool = pool;
    }

    /** A step of an event's. */
    public record StepOfEvent(UUID eventId, String step) {
    }

    /**
     * Records the entries that are new; returns the steps recorded now, without those that were there already (an
     * entry given twice is recorded once).
     */
    public Uni<Set<StepOfEvent>> recordNew(List<TimelineEntry> given) {
        Map<StepOfEvent, TimelineEntry> distinct = new LinkedHashMap<>();
        for (TimelineEntry entry : given) {
            distinct.putIfAbsent(new StepOfEvent(entry.eventId, entry.step), entry);
        }
        List<TimelineEntry> entries = List.copyOf(distinct.values());
        int size = entries.size();
        UUID[] bookingIds = new UUID[size];
        UUID[] eventIds = new UUID[size];
        OffsetDateTime[] ats = new OffsetDateTime[size];
        String[] services = new String[size];
        String[] eventTypes = new String[size];
        String[] steps = new String[size];
        String[] outcomes = new String[size];
        OffsetDateTime[] recordedAts = new OffsetDateTime[size];
        for (int i = 0; i < size; i++) {
            TimelineEntry entry = entries.get(i);
            bookingIds[i] = entry.bookingId;
            eventIds[i] = entry.eventId;
            ats[i] = PoolRows.utc(entry.at);
            services[i] = entry.service;
            eventTypes[i] = entry.eventType;
            steps[i] = entry.step;
            outcomes[i] = entry.outcome;
            recordedAts[i] = PoolRows.utc(entry.recordedAt);
        }
        return pool.preparedQuery(RECORD)
                .execute(Tuple.tuple().addArrayOfUUID(bookingIds).addArrayOfUUID(eventIds).addArrayOfOffsetDateTime(ats)
                        .addArrayOfString(services).addArrayOfString(eventTypes).addArrayOfString(steps)
                        .addArrayOfString(outcomes).addArrayOfOffsetDateTime(recordedAts))
                .map(rows -> {
                    Set<StepOfEvent> recorded = new HashSet<>();
                    for (Row row : rows) {
                        recorded.add(new StepOfEvent(row.getUUID("event_id"), row.getString("step")));
                    }
                    return recorded;
                });
    }
}
