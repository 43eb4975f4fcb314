package com.flightbooking.kit.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Stream;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;

import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class TextConstraintsTest {

    /** Without Jakarta EL: the messages hold no expressions. */
    private final Validator validator = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator();

    record Text(@PlainText String value) {
    }

    record Email(@EmailAddress String value) {
    }

    record Account(@CorporateAccountId String value) {
    }

    static Stream<Arguments> texts() {
        return Stream.of(
                Arguments.of("Ada Lovelace", ""),
                Arguments.of("José Ñúñez-Łukasz 李 \uD83D\uDE00", ""),
                Arguments.of(null, ""),
                Arguments.of("Ada\u0000", "must not contain control characters"),
                Arguments.of("Ada\nLovelace", "must not contain control characters"),
                Arguments.of("Ada\u0085", "must not contain control characters"),
                Arguments.of("Ada\u2028", "must not contain control characters"),
                Arguments.of("Ada\u202Eecalevol", "must not contain bidirectional formatting characters"),
                Arguments.of("\u2066Ada", "must not contain bidirectional formatting characters"),
                Arguments.of("Ada \uD800", "must be valid Unicode text"),
                Arguments.of("4111 1111 1111 1111", "must not contain a card number"));
    }

    @ParameterizedTest
    @MethodSource("texts")
    void plainTextRefusesControlsBidiAndCardNumbers(String value, String expected) {
        assertThat(messages(new Text(value))).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = { "ada@example.com", "ada.lovelace+tag@mail.example.co.uk", "josé@exämple.de",
            "billing-0e9a@acme.test" })
    void acceptsEmailAddresses(String value) {
        assertThat(messages(new Email(value))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "not-an-email", "ada@", "@example.com", "ada@@example.com", "ada@localhost",
            "ada..l@example.com", ".ada@example.com", "ada@-example.com", "ada@example..com", "ada lovelace@example.com",
            "ada@exa_mple.com" })
    void refusesWhatIsNotAnEmailAddress(String value) {
        assertThat(messages(new Email(value))).isEqualTo("must be a well-formed email address");
    }

    @Test
    void refusesAnOverlongEmailAddressBeforeLookingAtIt() {
        String hostile = "a".repeat(20_000) + "@" + "b.".repeat(5_000);
        long started = System.nanoTime();
        assertThat(messages(new Email(hostile))).isEqualTo("must be a well-formed email address");
        assertThat(System.nanoTime() - started).isLessThan(1_000_000_000L);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ACME-001|",
            "acme.eu_2|",
            "ACME 001|must be letters, digits, '_', '.' or '-'",
            "4111111111111111|must not contain a card number" })
    void corporateAccountIds(String value, String expected) {
        assertThat(messages(new Account(value))).isEqualTo(expected == null ? "" : expected);
    }

    private <T> String messages(T bean) {
        Set<ConstraintViolation<T>> violations = validator.validate(bean);
        return String.join("; ", violations.stream().map(ConstraintViolation::getMessage).sorted().toList());
    }
}
