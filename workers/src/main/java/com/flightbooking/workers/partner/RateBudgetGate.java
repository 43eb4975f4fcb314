package com.flightbooking.workers.partner;

import java.time.Duration;

import com.flightbooking.kit.consumer.ReceiveGate;

/**
 * Pauses a role's receives while its calls wait for the next slot of their partner's rate budget: the messages it
 * already holds are handled as permits come, and the rest wait in the queue, where another replica with permits to
 * spare may take them, instead of piling up here. A call that waited {@code max-wait} in vain goes back to the queue
 * for a second, untried.
 * <p>
 * A replica holds at most one second of the fleet's budget: what it held beyond that would wait here for permits
 * while the other replicas, receiving from the same queue, could start it. So a burst is shared by the replicas rather
 * than taken by whichever polled first.
 */
final class RateBudgetGate implements ReceiveGate {

    private static final Duration PUT_BACK_FOR = Duration.ofSeconds(1);

    private final String role;
    private final PartnerRateBudget budget;

    RateBudgetGate(String role, PartnerRateBudget budget) {
        this.role = role;
        this.budget = budget;
    }

    @Override
    public String channel() {
        return role;
    }

    @Override
    public Admission admission() {
        return budget.spent() ? Admission.PAUSED : Admission.OPEN;
    }

    @Override
    public boolean refusedUntried(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PermitNotGranted) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Duration putBackFor() {
        return PUT_BACK_FOR;
    }

    @Override
    public int holdAtMost() {
        int callsPerSecond = budget.settings().callsPerSecond();
        return callsPerSecond > 0 ? callsPerSecond : Integer.MAX_VALUE;
    }
}
