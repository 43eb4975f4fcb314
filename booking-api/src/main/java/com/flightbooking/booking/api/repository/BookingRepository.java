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

    public Uni<Booking> findOwned(UUID id, String owner) {
        return find("id = ?1 and owner = ?2", id, owner).firstResult();
    }

    public Uni<Booking> findByIdempotencyKey(String owner, String idempotencyKey) {
        return find("owner = ?1 and idempotencyKey = ?2", owner, idempotencyKey).firstResult();
    }

    /**
     * Page {@code page} of the owner's bookings ({@code size} each), newest first, and the first booking of the next
     * page when there is one: it tells the caller whether another page follows.
     */
    public Uni<List<Booking>> pageOf(String owner, int page, int size) {
        int first = page * size;
        return find("owner = ?1 order by createdAt desc, id", owner).range(first, first + size).list();
    }
}
