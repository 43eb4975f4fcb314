package com.flightbooking.workers.airline;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * What the airline last said about a confirmed booking, from the airline check a few minutes after purchase (or one
 * run by hand). The row is created, locked, in the transaction that records the first answer, so concurrent or
 * repeated checks of one booking queue up behind it and announce a change once.
 */
@Entity
@Table(name = "airline_check")
public class AirlineCheck {

    @Id
    @Column(name = "booking_id")
    public UUID bookingId;

    @Column(name = "record_locator", nullable = false)
    public String recordLocator;

    /** ECONOMY as booked, or what the airline moved the passenger to; null while the airline knows nothing. */
    public String cabin;

    @Column(name = "lounge_pass", nullable = false)
    public boolean loungePass;

    @Column(name = "last_ticketing_date")
    public LocalDate lastTicketingDate;

    @Column(name = "checked_at", nullable = false)
    public Instant checkedAt;
}
