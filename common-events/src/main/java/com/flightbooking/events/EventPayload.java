package com.flightbooking.events;

/**
 * The {@code data} of an event. Each implementation is bound to exactly one CloudEvents {@code type} in
 * {@link EventType}; {@link #subject()} is what the event is about (a booking, an invoice) and becomes the
 * CloudEvents {@code subject} and the {@code ce_subject} message attribute.
 */
public sealed interface EventPayload permits BookingEvent, InvoiceIssued, HttpResponseSent {

    String subject();
}
