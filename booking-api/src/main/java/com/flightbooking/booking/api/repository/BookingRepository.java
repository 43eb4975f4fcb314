package com.flightbooking.booking.api.repository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import com.flightbooking.booking.api.Booking;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * Bookings through Hibernate Reactive: lists, cancellation, the saga deadline. The per-booking hot paths use
 * {@link BookingRows} instead.
 */
@ApplicationScoped
@WithSession
public class BookingRepository implements PanacheRepositoryBase<Booking, UUID> {

    private static final String LOCK_OVERDUE = """
            SELECT * FROM booking WHERE status = 'PENDING' AND created_at <= :createdBefore
            ORDER BY created_at LIMIT :limit FOR UPDATE SKIP LOCKED""";

    /** The booking, locked until the end of the transaction, so that status changes apply one at a time. */
    public Uni<Booking> lock(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * At most {@code limit} PENDING bookings created at or before {@code createdBefore}, oldest first, locked until the
     * end of the transaction; rows another transaction holds are skipped, so replicas take different bookings.
     */
    public Uni<List<Booking>> lockOverdue(Instant createdBefore, int limit) {
        return Panache.getSession().chain(session -> session.createNativeQuery(LOCK_OVERDUE, Booking.class)
                .setParameter("createdBefore", createdBefore)
                .setParameter("limit", limit)
                .getResultList());
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
