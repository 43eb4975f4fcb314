package com.flightbooking.workers.notification;

import java.util.UUID;

import io.quarkus.qute.TemplateData;

/** What every customer email shows below its news: who it is for and the booking, formatted for reading. */
@TemplateData
public record BookingSummary(String passengerName, UUID bookingId, String flightNumber, String origin,
        String destination, String departure, String fare) {
}
