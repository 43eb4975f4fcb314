package com.flightbooking.workers.partner;

import java.time.Duration;

import com.flightbooking.kit.consumer.ReceiveGate;

/**
 * Holds a role's receives while the partner all its work needs is unavailable: while the partner's breaker is open
 * the role's messages wait in the queue, unspent, instead of failing one delivery after another; when it turns
 * half-open, the role takes one message at a time, whose call probes the partner.
 */
final class PartnerGate implements ReceiveGate {

    private final String role;
    private final PartnerCircuitBreaker breaker;

    PartnerGate(String role, PartnerCircuitBreaker breaker) {
        this.role = role;
        this.breaker = breaker;
    }

    @Override
    public String channel() {
        return role;
    }

    @Override
    public Admission admission() {
        return breaker.admission();
    }

    @Override
    public boolean refusedUntried(Throwable failure) {
        return PartnerCircuitBreaker.refusedByBreaker(failure);
    }

    @Override
    public Duration putBackFor() {
        return breaker.settings().delay();
    }
}
