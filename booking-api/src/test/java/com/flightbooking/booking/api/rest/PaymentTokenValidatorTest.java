package com.flightbooking.booking.api.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PaymentTokenValidatorTest {

    private final Validator validator = Validation.buildDefaultValidatorFactory().getValidator();

    record Payment(@PaymentToken String token) {
    }

    @ParameterizedTest
    @CsvSource(nullValues = "NULL", value = {
            "tok_visa_4242, ''",
            "pm_1N3TxY2eZvKYlo2C, ''",
            "NULL, ''",
            "4111111111111111, 'must be a payment processor token, not a card number'",
            "tok_4111-1111-1111-1111, 'must be a payment processor token, not a card number'",
            "tok, 'must be a payment processor token: 6-128 letters, digits, ''_'' or ''-'''",
            "'tok visa', 'must be a payment processor token: 6-128 letters, digits, ''_'' or ''-'''" })
    void acceptsTokensAndRefusesCardNumbers(String token, String expectedMessage) {
        Set<ConstraintViolation<Payment>> violations = validator.validate(new Payment(token));

        assertThat(violations.stream().map(ConstraintViolation::getMessage).findFirst().orElse(""))
                .isEqualTo(expectedMessage);
    }
}
