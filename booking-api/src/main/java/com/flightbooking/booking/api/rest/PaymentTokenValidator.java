package com.flightbooking.booking.api.rest;

import java.util.regex.Pattern;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

import com.flightbooking.events.CardNumbers;

public class PaymentTokenValidator implements ConstraintValidator<PaymentToken, String> {

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{5,127}");

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        if (CardNumbers.containsCardNumber(value)) {
            // The rejected value is never echoed back: it may be a real card number.
            replaceMessage(context, "must be a payment processor token, not a card number");
            return false;
        }
        if (!TOKEN.matcher(value).matches()) {
            replaceMessage(context, "must be a payment processor token: 6-128 letters, digits, '_' or '-'");
            return false;
        }
        return true;
    }

    private static void replaceMessage(ConstraintValidatorContext context, String message) {
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(message).addConstraintViolation();
    }
}
