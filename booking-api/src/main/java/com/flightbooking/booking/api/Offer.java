package com.flightbooking.booking.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A priced offer the API handed out: a flight in a cabin at the travel fulfiller's price, bookable once until it
 * expires. A booking takes its flight and price from here, so the client never states what it pays.
 */
@Entity
@Table(name = "offer")
public class Offer {

    @Id
    public UUID id;

    /** The fulfiller's own id of the offer. */
    @Column(name = "fulfiller_offer_id", nullable = false, updatable = false)
    public String fulfillerOfferId;

    @Column(name = "flight_number", nullable = false, updatable = false)
    public String flightNumber;

    @Column(nullable = false, updatable = false)
    public String origin;

    @Column(nullable = false, updatable = false)
    public String destination;

    @Column(name = "departure_time", nullable = false, updatable = false)
    public Instant departureTime;

    @Column(nullable = false, updatable = false)
    public String cabin;

    @Column(name = "price_amount", nullable = false, updatable = false)
    public BigDecimal priceAmount;

    @Column(name = "price_currency", nullable = false, updatable = false)
    public String priceCurrency;

    @Column(name = "expires_at", nullable = false, updatable = false)
    public Instant expiresAt;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    /** The booking that took the offer; set only by {@code BookingRows.insertTakingOffer}. */
    @Column(name = "used_by")
    public UUID usedBy;
}
