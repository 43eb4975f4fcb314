package com.flightbooking.events;

import java.util.Arrays;
import java.util.Optional;

/**
 * The CloudEvents {@code type} of each payload. The version is part of the type: a breaking change to a payload is a
 * new type (…​.v2) that consumers opt into, while additive changes keep the type and old readers ignore new fields.
 */
public enum EventType {

    BOOKING_REQUESTED("com.flightbooking.booking.requested.v1", BookingRequested.class),
    PAYMENT_CHARGED("com.flightbooking.payment.charged.v1", PaymentCharged.class),
    PAYMENT_DECLINED("com.flightbooking.payment.declined.v1", PaymentDeclined.class),
    PAYMENT_REFUNDED("com.flightbooking.payment.refunded.v1", PaymentRefunded.class),
    BOOKING_FULFILLED("com.flightbooking.fulfilment.completed.v1", BookingFulfilled.class),
    FULFILMENT_FAILED("com.flightbooking.fulfilment.failed.v1", FulfilmentFailed.class),
    RESERVATION_CANCELLED("com.flightbooking.fulfilment.cancelled.v1", ReservationCancelled.class),
    BOOKING_STATUS_CHANGED("com.flightbooking.booking.status-changed.v1", BookingStatusChanged.class),
    AIRLINE_INFO_UPDATED("com.flightbooking.airline.info-updated.v1", AirlineInfoUpdated.class),
    DEPARTURE_REMINDER_DUE("com.flightbooking.reminder.departure-due.v1", DepartureReminderDue.class),
    LEDGER_ENTRY_RECORDED("com.flightbooking.ledger.entry-recorded.v1", LedgerEntryRecorded.class),
    CUSTOMER_NOTIFIED("com.flightbooking.notification.customer-notified.v1", CustomerNotified.class),
    INVOICE_ISSUED("com.flightbooking.invoice.issued.v1", InvoiceIssued.class),
    HTTP_RESPONSE_SENT("com.flightbooking.http.response-sent.v1", HttpResponseSent.class);

    private final String ceType;
    private final Class<? extends EventPayload> payloadClass;

    EventType(String ceType, Class<? extends EventPayload> payloadClass) {
        this.ceType = ceType;
        this.payloadClass = payloadClass;
    }

    public String ceType() {
        return ceType;
    }

    public Class<? extends EventPayload> payloadClass() {
        return payloadClass;
    }

    public static Optional<EventType> fromCeType(String ceType) {
        return Arrays.stream(values()).filter(t -> t.ceType.equals(ceType)).findFirst();
    }

    public static EventType of(EventPayload payload) {
        return Arrays.stream(values())
                .filter(t -> t.payloadClass == payload.getClass())
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No event type for " + payload.getClass()));
    }
}
