package com.flightbooking.booking.api;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One step of a booking's timeline, recorded from one event about it: when it happened ({@code at}, the event's
 * time), which service did it (the event's source), the event's CloudEvents type, the step's name and a short outcome.
 */
@Entity
@Table(name = "booking_timeline")
public class TimelineEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "booking_id", nullable = false, updatable = false)
    public UUID bookingId;

    @Column(name = "event_id", nullable = false, updatable = false)
    public UUID eventId;

    @Column(nullable = false, updatable = false)
    public Instant at;

    @Column(nullable = false, updatable = false)
    public String service;

    @Column(name = "event_type", nullable = false, updatable = false)
    public String eventType;

    @Column(nullable = false, updatable = false)
    public String step;

    @Column(updatable = false)
    public String outcome;

    @Column(name = "recorded_at", nullable = false, updatable = false)
    public Instant recordedAt;
}
