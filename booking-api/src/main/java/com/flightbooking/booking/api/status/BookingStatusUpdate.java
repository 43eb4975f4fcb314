package com.flightbooking.booking.api.status;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.flightbooking.booking.api.BookingStatus;

/**
 * A booking's status at one moment, as its status stream sends it: the record locator once CONFIRMED, the reason
 * when it failed; absent fields are left out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BookingStatusUpdate(
        UUID bookingId,
        BookingStatus status,
        String statusReason,
        String recordLocator,
        Instant updatedAt) {
}
