package com.flightbooking.booking.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A customer's booking as the API knows it. The payment token is deliberately not kept here. */
@Entity
@Table(name = "booking")
public class Booking {

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public BookingStatus status;

    @Column(name = "passenger_name", nullable = false)
    public String passengerName;

    @Column(name = "passenger_email", nullable = false)
    public String passengerEmail;

    @Column(name = "flight_number", nullable = false)
    public String flightNumber;

    @Column(nullable = false)
    public String origin;

    @Column(nullable = false)
    public String destination;

    @Column(name = "departure_time", nullable = false)
    public Instant departureTime;

    @Column(name = "fare_amount", nullable = false)
    public BigDecimal fareAmount;

    @Column(name = "fare_currency", nullable = false)
    public String fareCurrency;

    @Column(name = "corporate_account_id")
    public String corporateAccountId;

    /** The travel fulfiller's reference, once CONFIRMED. */
    @Column(name = "record_locator")
    public String recordLocator;

    /** Why the booking failed, for the customer (the processor's decline message, say). */
    @Column(name = "status_reason")
    public String statusReason;

    /** The cabin the airline holds the passenger in, once its check after confirmation said so (an upgrade, say). */
    public String cabin;

    /** The airline added a lounge pass (corporate clients). */
    @Column(name = "lounge_pass", nullable = false)
    public boolean loungePass;

    /** The last date the airline issues the ticket, when it set one. */
    @Column(name = "last_ticketing_date")
    public LocalDate lastTicketingDate;

    /** The subject of the token the booking was made with: the customer it belongs to. */
    @Column(updatable = false)
    public String owner;

    @Column(name = "idempotency_key", updatable = false)
    public String idempotencyKey;

    @Column(name = "request_fingerprint", updatable = false)
    public String requestFingerprint;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;
}
