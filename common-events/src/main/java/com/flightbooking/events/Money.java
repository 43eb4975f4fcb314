package com.flightbooking.events;

import java.math.BigDecimal;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** An exact amount (never a floating-point number) in an ISO 4217 currency. */
@RegisterForReflection
public record Money(BigDecimal amount, String currency) {

    public Money negate() {
        return new Money(amount.negate(), currency);
    }

    @Override
    public String toString() {
        return amount.toPlainString() + " " + currency;
    }
}
