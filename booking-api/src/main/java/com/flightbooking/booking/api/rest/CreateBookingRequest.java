package com.flightbooking.booking.api.rest;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.flightbooking.kit.validation.CorporateAccountId;
import com.flightbooking.kit.validation.EmailAddress;
import com.flightbooking.kit.validation.PlainText;

/** The body of {@code POST /bookings}. */
public record CreateBookingRequest(
        @NotNull @Valid PassengerRequest passenger,
        @NotNull @Valid FlightRequest flight,
        @NotNull @Valid FareRequest fare,
        @NotNull @PaymentToken String paymentToken,
        @CorporateAccountId String corporateAccountId) {

    public record PassengerRequest(
            @NotBlank @Size(max = 200) @PlainText String name,
            @NotBlank @EmailAddress @PlainText String email) {
    }

    public record FlightRequest(
            @NotNull @Pattern(regexp = "[A-Z0-9]{2}[0-9]{1,4}[A-Z]?", message = "must be an IATA flight number such as LH1234") String number,
            @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be a three-letter IATA airport code") String origin,
            @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be a three-letter IATA airport code") String destination,
            @NotNull @BookableDeparture OffsetDateTime departureTime) {

        @JsonIgnore
        @AssertTrue(message = "must differ from origin")
        public boolean isDestination() {
            return origin == null || !origin.equals(destination);
        }
    }

    public record FareRequest(
            @NotNull @DecimalMin(value = "0.01") @Digits(integer = 10, fraction = 2) BigDecimal amount,
            @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 currency code such as EUR") String currency) {
    }
}
