package com.flightbooking.workers.airline;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * What the airline last said about a confirmed booking, from the airline check a few minutes after purchase (or one
 * run by hand). The row is created, locked, in the transaction that records the first answer, so concurrent or
 * repeated checks of one booking queue up behind it and announce a change once. A row of {@code airline_check}, read
 * and written by {@link AirlineCheckRepository} on the Vert.x pool.
 */
public class AirlineCheck {

    public UUID bookingId;

    public String recordLocator;

    /** ECONOMY as booked, or what the airline moved the passenger to; null while the airline knows nothing. */
    public String cabin;

    public boolean loungePass;

    public LocalDate lastTicketingDate;

    public Instant checkedAt;
}
