package com.flightbooking.booking.api.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import com.flightbooking.booking.api.Booking;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class BookingRepository implements PanacheRepositoryBase<Booking, UUID> {

    /** The booking, locked until the end of the transaction, so that status changes apply one at a time. */
    public Uni<Booking> lock(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    public Uni<Booking> findByIdempotencyKey(String owner, String idempotencyKey) {
        return find("owner = ?1 and idempotencyKey = ?2", owner, idempotencyKey).firstResult();
    }

    /** One page of the owner's bookings, newest first; one more than {@code size} tells whether another follows. */
    public Uni<List<Booking>> pageOf(String owner, int page, int size) {
        return find("owner = ?1 order by createdAt desc, id", owner).page(page, size).list();
    }
}
