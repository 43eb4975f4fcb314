package com.flightbooking.workers.partner;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.LongSupplier;

import org.eclipse.microprofile.config.Config;

import com.flightbooking.workers.partner.PermitLeases.Lease;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * This process's share of a partner's fleet-wide rate budget: every call to the partner first takes a permit
 * ({@link #permit()}). Permits come from {@link PermitLeases} in leases sized by demand: a lease asks for as many
 * permits as callers wait for, or as calls took in the last slot-long stretch if that is more (at most
 * {@code max-lease}), one lease at a time. So a steady flow of calls costs about one lease per slot rather than one
 * per call, and a process holds no more than its recent calls used. Permits are used before their slot ends or never
 * (a dead process's lease dies with its slot). When a slot is spent, callers wait, on a timer, never a thread, for the
 * next one, at most {@code max-wait}; then they fail with {@link PermitNotGranted}, and the role puts their message
 * back.
 * <p>
 * Metrics: {@code flights.partner.rate.budget.permits{partner}} counts permits given to calls,
 * {@code flights.partner.rate.budget.wait{partner}} times how long calls waited for theirs,
 * {@code flights.partner.rate.budget.leases{partner}} counts leases (database statements),
 * {@code flights.partner.rate.budget.expired{partner}} the permits leased and lost because their slot ended first
 * (leased for calls that did not come as the last slot's did, or answered after the slot's end: budget spent on no
 * call) and {@code flights.partner.rate.budget.refusals{partner}} the calls that waited {@code max-wait} in vain.
 */
public final class PartnerRateBudget {

    private final String partner;
    private final Settings settings;
    private final Leaser leaser;
    private final Vertx vertx;
    private final LongSupplier nanoTime;
    private final Counter permitsGiven;
    private final Timer waited;
    private final Counter leases;
    private final Counter refusals;
    private final Counter expired;

    private final Deque<Waiter> waiters = new ArrayDeque<>();
    private int permits;
    private long permitsGoodUntil;
    private boolean leasing;
    private boolean waitingForNextSlot;
    /** Permits given in the current and in the last slot-long stretch of this process's clock: the recent demand. */
    private long stretchStart;
    private int givenThisStretch;
    private int givenLastStretch;

    /**
     * {@code flights.partners.<partner>.rate-budget.*}: at most {@code calls-per-second} calls to the partner from the
     * whole fleet (0: no budget), counted in slots of {@code slot}; a lease takes at most {@code max-lease} permits
     * (default: a slot's share); a call waits at most {@code max-wait} for a permit.
     * <p>
     * Leases are sized by the callers waiting and the calls of the last slot, so a cap only matters when more call
     * than it allows; then each lease is a database round trip, and a small cap ties the process's rate to the round
     * trip (with 1 permit per lease, 60 reservations under a budget of 100 a second waited 5 s on average on a loaded
     * machine). Replicas need no share of their own: they serve one queue, and a replica waiting for permits receives
     * no more (its gate pauses), leaving the queue's messages to the replicas that have permits.
     */
    public record Settings(int callsPerSecond, Duration slot, int maxLease, Duration maxWait) {

        static Settings of(Config config, String partner) {
            String prefix = "flights.partners." + partner + ".rate-budget.";
            int callsPerSecond = config.getOptionalValue(prefix + "calls-per-second", Integer.class).orElse(0);
            Duration slot = config.getOptionalValue(prefix + "slot", Duration.class).orElse(Duration.ofMillis(100));
            if (callsPerSecond < 0 || slot.toMillis() < 1 || 1000 % slot.toMillis() != 0) {
                throw new IllegalArgumentException(prefix + "calls-per-second must be 0 or more and " + prefix
                        + "slot a whole number of milliseconds that divides a second (100ms, 200ms, 1s)");
            }
            int shareOfSlot = (int) Math.ceil(callsPerSecond * slot.toMillis() / 1000.0);
            return new Settings(callsPerSecond, slot,
                    config.getOptionalValue(prefix + "max-lease", Integer.class).orElse(Math.max(1, shareOfSlot)),
                    config.getOptionalValue(prefix + "max-wait", Duration.class).orElse(Duration.ofSeconds(30)));
        }

        boolean limited() {
            return callsPerSecond > 0;
        }
    }

    /** Where leases come from: {@link PermitLeases} for this partner and budget. */
    @FunctionalInterface
    interface Leaser {
        Uni<Lease> lease(int wanted);
    }

    PartnerRateBudget(String partner, Settings settings, Leaser leaser, Vertx vertx, LongSupplier nanoTime,
            MeterRegistry registry) {
        this.partner = partner;
        this.settings = settings;
        this.leaser = leaser;
        this.vertx = vertx;
        this.nanoTime = nanoTime;
        this.stretchStart = nanoTime.getAsLong();
        this.permitsGiven = Counter.builder("flights.partner.rate.budget.permits").tag("partner", partner)
                .description("Permits of the partner's fleet-wide rate budget given to calls from this process")
                .register(registry);
        this.waited = Timer.builder("flights.partner.rate.budget.wait").tag("partner", partner)
                .description("How long calls to the partner waited for a permit of its rate budget")
                .register(registry);
        this.leases = Counter.builder("flights.partner.rate.budget.leases").tag("partner", partner)
                .description("Leases of permits of the partner's rate budget (one database statement each)")
                .register(registry);
        this.refusals = Counter.builder("flights.partner.rate.budget.refusals").tag("partner", partner)
                .description("Calls to the partner that waited max-wait for a permit in vain").register(registry);
        this.expired = Counter.builder("flights.partner.rate.budget.expired").tag("partner", partner)
                .description("Leased permits of the partner's rate budget whose slot ended before a call used them")
                .register(registry);
    }

    public Settings settings() {
        return settings;
    }

    /**
     * A permit for one call to the partner, to be used at once: emitted on the caller's Vert.x context when one is
     * leased, or a {@link PermitNotGranted} failure after {@code max-wait}. Without a budget, at once.
     */
    public Uni<Void> permit() {
        if (!settings.limited()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().emitter(emitter -> {
            Waiter waiter = new Waiter(emitter, Vertx.currentContext(), nanoTime.getAsLong());
            synchronized (this) {
                waiters.add(waiter);
            }
            waiter.timer = vertx.setTimer(settings.maxWait().toMillis(), id -> refuse(waiter));
            emitter.onTermination(() -> forget(waiter));
            serve();
        });
    }

    /** Whether callers here wait for the next slot because this one is spent: the role should receive no more. */
    public synchronized boolean spent() {
        return waitingForNextSlot && !waiters.isEmpty();
    }

    /** Gives the permits held to waiters, oldest first, and leases more while some still wait. */
    private void serve() {
        List<Waiter> served = new ArrayList<>();
        int wanted = 0;
        synchronized (this) {
            long now = nanoTime.getAsLong();
            if (permits > 0 && now - permitsGoodUntil >= 0) {
                expired.increment(permits);
                permits = 0;
            }
            while (permits > 0 && !waiters.isEmpty()) {
                permits--;
                served.add(waiters.poll());
            }
            int recentDemand = recentDemand(now, served.size());
            if (!waiters.isEmpty() && !leasing && !waitingForNextSlot) {
                leasing = true;
                wanted = Math.min(Math.max(waiters.size(), recentDemand), settings.maxLease());
            }
        }
        served.forEach(this::grant);
        if (wanted > 0) {
            lease(wanted);
        }
    }

    /**
     * Counts {@code given} permits into the current stretch (one slot long) and returns the most given in it or the
     * one before. Called with the lock held.
     */
    private int recentDemand(long now, int given) {
        long stretch = settings.slot().toNanos();
        long elapsed = now - stretchStart;
        if (elapsed >= stretch) {
            boolean lastWasTheOneBefore = elapsed < 2 * stretch;
            givenLastStretch = lastWasTheOneBefore ? givenThisStretch : 0;
            givenThisStretch = 0;
            stretchStart = lastWasTheOneBefore ? stretchStart + stretch : now;
        }
        givenThisStretch += given;
        return Math.max(givenThisStretch, givenLastStretch);
    }

    private void lease(int wanted) {
        long sentAt = nanoTime.getAsLong();
        leases.increment();
        leaser.lease(wanted).subscribe().with(lease -> leased(lease, wanted, sentAt), this::leaseFailed);
    }

    private void leased(Lease lease, int wanted, long sentAt) {
        long untilNextSlot = -1;
        synchronized (this) {
            leasing = false;
            // The slot's end as the database saw it, counted from before it saw it: permits end early, never late.
            permits = lease.permits();
            permitsGoodUntil = sentAt + lease.left().toNanos();
            if (lease.permits() < wanted) {
                waitingForNextSlot = true;
                // Counted from now, after the database answered: the next lease never comes before the next slot.
                untilNextSlot = Math.max(1, lease.left().toMillis() + 1);
            }
        }
        if (untilNextSlot > 0) {
            vertx.setTimer(untilNextSlot, id -> {
                synchronized (this) {
                    waitingForNextSlot = false;
                }
                serve();
            });
        }
        serve();
    }

    /** Without the database no lease, and the callers' handlers could not record their outcome either: they fail. */
    private void leaseFailed(Throwable failure) {
        List<Waiter> failed;
        synchronized (this) {
            leasing = false;
            failed = new ArrayList<>(waiters);
            waiters.clear();
        }
        Log.warnf("No permits of partner %s's rate budget: %s", partner, failure.toString());
        failed.forEach(waiter -> waiter.fail(failure));
    }

    private void grant(Waiter waiter) {
        vertx.cancelTimer(waiter.timer);
        permitsGiven.increment();
        waited.record(Duration.ofNanos(nanoTime.getAsLong() - waiter.since));
        waiter.complete();
    }

    private void refuse(Waiter waiter) {
        synchronized (this) {
            if (!waiters.remove(waiter)) {
                return;
            }
        }
        refusals.increment();
        waiter.fail(new PermitNotGranted(partner, settings.maxWait()));
    }

    private void forget(Waiter waiter) {
        boolean waiting;
        synchronized (this) {
            waiting = waiters.remove(waiter);
        }
        if (waiting) {
            vertx.cancelTimer(waiter.timer);
        }
    }

    /** A caller waiting for a permit, answered on its own context (its handler's session and log fields are there). */
    private static final class Waiter {

        private final UniEmitter<? super Void> emitter;
        private final Context context;
        private final long since;
        private volatile long timer;

        Waiter(UniEmitter<? super Void> emitter, Context context, long since) {
            this.emitter = emitter;
            this.context = context;
            this.since = since;
        }

        void complete() {
            onContext(() -> emitter.complete(null));
        }

        void fail(Throwable failure) {
            onContext(() -> emitter.fail(failure));
        }

        private void onContext(Runnable action) {
            if (context == null || context == Vertx.currentContext()) {
                action.run();
            } else {
                context.runOnContext(v -> action.run());
            }
        }
    }
}
