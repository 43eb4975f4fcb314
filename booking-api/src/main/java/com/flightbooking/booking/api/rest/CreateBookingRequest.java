package com.flightbooking.booking.api.rest;

import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /bookings}. The flight and the price are the offer's ({@code GET /offers}): the client names
 * what it books, never what it pays.
 */
public record CreateBookingRequest(
        @NotNull UUID offerId,
        @NotNull @Valid PassengerRequest passenger,
        @NotNull @PaymentToken String paymentToken,
        @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9_.-]*", message = "must be letters, digits, '_', '.' or '-'") String corporateAccountId) {

    public record PassengerRequest(
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Email @Size(max = 254) String email) {
    }
}
