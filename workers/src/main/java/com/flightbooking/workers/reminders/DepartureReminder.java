package com.flightbooking.workers.reminders;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.ColumnTransformer;

/**
 * The reminders role's durable timer for one booking: written when the booking is confirmed, fired by a poller once
 * due. A cancellation that arrives first writes the row CANCELLED, so a late confirmation schedules nothing.
 *
 * <pre>
 * (none) ─CONFIRMED─▶ SCHEDULED ─due─▶ FIRED      (DepartureReminderDue in the outbox, same transaction)
 *                               └─due, flight gone─▶ EXPIRED
 *                               └─CANCELLED─▶ CANCELLED
 * (none) ─CANCELLED─▶ CANCELLED   (never scheduled)
 * </pre>
 */
@Entity
@Table(name = "departure_reminder")
public class DepartureReminder {

    public enum Status {
        SCHEDULED,
        FIRED,
        CANCELLED,
        EXPIRED
    }

    @Id
    @Column(name = "booking_id")
    public UUID bookingId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "due_at", nullable = false, updatable = false)
    public Instant dueAt;

    @Column(name = "departure_at", nullable = false, updatable = false)
    public Instant departureAt;

    /** The BookingStatusChanged CloudEvent that created the row; written once, by the insert-if-absent. */
    @Column(name = "booking_event", nullable = false, insertable = false, updatable = false)
    @ColumnTransformer(read = "booking_event::text")
    public String bookingEvent;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "fired_at")
    public Instant firedAt;
}
