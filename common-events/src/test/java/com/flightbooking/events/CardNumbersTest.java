package com.flightbooking.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CardNumbersTest {

    @ParameterizedTest
    @ValueSource(strings = { "4111111111111111", "4111 1111 1111 1111", "4111-1111-1111-1111", "tok_4111111111111111",
            "378282246310005", "6011000990139424123" })
    void recognisesCardNumbers(String value) {
        assertThat(CardNumbers.containsCardNumber(value)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "tok_visa_4242", "pm_1N3TxY2eZvKYlo2C", "tok_12345678901", "" })
    void acceptsProcessorTokens(String value) {
        assertThat(CardNumbers.containsCardNumber(value)).isFalse();
    }
}
