package com.flightbooking.workers.fulfilment;

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
public class ReservationRepository implements PanacheRepositoryBase<Reservation, UUID> {

    private static final String INSERT_IF_ABSENT = """
            INSERT INTO reservation (booking_id, status, attempts, created_at, updated_at)
            VALUES (:bookingId, :status, 0, :now, :now) ON CONFLICT (booking_id) DO NOTHING""";

    /** The booking's reservation, locked for the rest of the transaction; created in {@code initial} status if absent. */
    public Uni<Reservation> lockOrCreate(UUID bookingId, Reservation.Status initial, Instant now) {
        return Panache.getSession().chain(session -> session.createNativeQuery(INSERT_IF_ABSENT)
                .setParameter("bookingId", bookingId)
                .setParameter("status", initial.name())
                .setParameter("now", now)
                .executeUpdate())
                .chain(() -> lock(bookingId));
    }

    public Uni<Reservation> lock(UUID bookingId) {
        return findById(bookingId, LockModeType.PESSIMISTIC_WRITE);
    }
}
