package com.flightbooking.workers.reminders;

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
public class DepartureReminderRepository implements PanacheRepositoryBase<DepartureReminder, UUID> {

    // The event goes in as text and is cast: bound to a jsonb parameter, the client would store one JSON string.
    private static final String INSERT_IF_ABSENT = """
            INSERT INTO departure_reminder
                (booking_id, status, due_at, departure_at, booking_event, created_at, updated_at)
            VALUES (:bookingId, :status, :dueAt, :departureAt, CAST(CAST(:bookingEvent AS text) AS jsonb),
                    :now, :now)
            ON CONFLICT (booking_id) DO NOTHING""";

    /** Creates the booking's reminder in {@code initial} status unless it has one; true when this call created it. */
    public Uni<Boolean> createIfAbsent(UUID bookingId, DepartureReminder.Status initial, Instant dueAt,
            Instant departureAt, String bookingEvent, Instant now) {
        return Panache.getSession().chain(session -> session.createNativeQuery(INSERT_IF_ABSENT)
                .setParameter("bookingId", bookingId)
                .setParameter("status", initial.name())
                .setParameter("dueAt", dueAt)
                .setParameter("departureAt", departureAt)
                .setParameter("bookingEvent", bookingEvent)
                .setParameter("now", now)
                .executeUpdate())
                .map(inserted -> inserted == 1);
    }

    /**
     * The booking's reminder, locked for the rest of the transaction; created in {@code initial} status first when it
     * does not exist. A poller never waits for the lock: it skips the row and sees the outcome in its next round.
     */
    public Uni<DepartureReminder> lockOrCreate(UUID bookingId, DepartureReminder.Status initial, Instant dueAt,
            Instant departureAt, String bookingEvent, Instant now) {
        return createIfAbsent(bookingId, initial, dueAt, departureAt, bookingEvent, now)
                .chain(() -> findById(bookingId, LockModeType.PESSIMISTIC_WRITE));
    }
}
