package com.flightbooking.workers.airline;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class AirlineCheckRepository implements PanacheRepositoryBase<AirlineCheck, UUID> {

    private static final String INSERT_IF_ABSENT = """
            INSERT INTO airline_check (booking_id, record_locator, lounge_pass, checked_at)
            VALUES (:bookingId, :recordLocator, false, :now) ON CONFLICT (booking_id) DO NOTHING""";

    /** The booking's check, or null when it was never checked. */
    public Uni<AirlineCheck> find(UUID bookingId) {
        return findById(bookingId);
    }

    /**
     * The booking's check, locked for the rest of the transaction; created first, knowing nothing yet, when it does not
     * exist. Concurrent callers for one booking queue up behind the lock.
     */
    public Uni<AirlineCheck> lockOrCreate(UUID bookingId, String recordLocator, Instant now) {
        return Panache.getSession().chain(session -> session.createNativeQuery(INSERT_IF_ABSENT)
                .setParameter("bookingId", bookingId)
                .setParameter("recordLocator", recordLocator)
                .setParameter("now", now)
                .executeUpdate())
                .chain(() -> findById(bookingId, LockModeType.PESSIMISTIC_WRITE));
    }
}
