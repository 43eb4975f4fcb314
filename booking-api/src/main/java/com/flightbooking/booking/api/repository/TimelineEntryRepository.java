package com.flightbooking.booking.api.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.flightbooking.booking.api.TimelineEntry;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** Reads a booking's timeline; {@link TimelineRows} records it. */
@ApplicationScoped
@WithSession
public class TimelineEntryRepository implements PanacheRepository<TimelineEntry> {

    /** The booking's steps in the order they were recorded, by time. */
    public Uni<List<TimelineEntry>> findByBooking(UUID bookingId) {
        return list("bookingId", Sort.by("at").and("id"), bookingId);
    }
}
