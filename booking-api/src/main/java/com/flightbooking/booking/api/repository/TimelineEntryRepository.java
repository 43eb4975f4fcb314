package com.flightbooking.booking.api.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.flightbooking.booking.api.TimelineEntry;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class TimelineEntryRepository implements PanacheRepository<TimelineEntry> {

    private static final String RECORD = """
            INSERT INTO booking_timeline (booking_id, event_id, at, service, event_type, step, outcome, recorded_at)
            VALUES (:bookingId, :eventId, :at, :service, :eventType, :step, :outcome, :recordedAt)
            ON CONFLICT (event_id, step) DO NOTHING""";

    /** Within the caller's transaction; true when the step was new, false when this event's step is there already. */
    public Uni<Boolean> recordFirst(TimelineEntry entry) {
        return Panache.getSession().chain(session -> session.createNativeQuery(RECORD)
                .setParameter("bookingId", entry.bookingId)
                .setParameter("eventId", entry.eventId)
                .setParameter("at", entry.at)
                .setParameter("service", entry.service)
                .setParameter("eventType", entry.eventType)
                .setParameter("step", entry.step)
                .setParameter("outcome", entry.outcome)
                .setParameter("recordedAt", entry.recordedAt)
                .executeUpdate())
                .map(inserted -> inserted == 1);
    }

    /** The booking's steps in the order they were recorded, by time. */
    public Uni<List<TimelineEntry>> findByBooking(UUID bookingId) {
        return list("bookingId", Sort.by("at").and("id"), bookingId);
    }
}
