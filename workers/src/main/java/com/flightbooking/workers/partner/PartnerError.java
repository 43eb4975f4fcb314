package com.flightbooking.workers.partner;

/** The error body both partners send: {@code {"code": "...", "message": "..."}}. */
public record PartnerError(String code, String message) {
}
