package com.flightbooking.booking.api.rest;

import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import com.flightbooking.kit.validation.CorporateAccountId;
import com.flightbooking.kit.validation.EmailAddress;
import com.flightbooking.kit.validation.PlainText;

/**
 * The body of {@code POST /bookings}. The flight and the price are the offer's ({@code GET /offers}): the client names
 * what it books, never what it pays.
 */
public record CreateBookingRequest(
        @NotNull UUID offerId,
        @NotNull @Valid PassengerRequest passenger,
        @NotNull @PaymentToken String paymentToken,
        @CorporateAccountId String corporateAccountId) {

    public record PassengerRequest(
            @NotBlank @Size(max = 200) @PlainText String name,
            @NotBlank @EmailAddress @PlainText String email) {
    }
}
