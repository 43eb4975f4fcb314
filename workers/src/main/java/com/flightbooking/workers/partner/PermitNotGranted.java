package com.flightbooking.workers.partner;

import java.time.Duration;
import java.util.Locale;

/**
 * A call waited {@code max-wait} for a permit of its partner's rate budget without getting one: the partner was never
 * called, and the role's {@link RateBudgetGate} puts the message back without counting a failed attempt.
 */
public class PermitNotGranted extends RuntimeException {

    public PermitNotGranted(String partner, Duration waited) {
        super("no permit of partner " + partner + "'s rate budget within "
                + waited.toString().substring(2).toLowerCase(Locale.ROOT));
    }
}
