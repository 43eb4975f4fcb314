package com.flightbooking.kit.schedule;

import java.time.Duration;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;

/**
 * The {@link FinishesBeforeShutdown} rounds running in this process. On shutdown, before the consumers drain (and so
 * before any pool or client closes), it stops new rounds from starting and waits up to
 * {@code flights.scheduled-rounds.shutdown-timeout} for the running ones. Quarkus' scheduler does neither: it stops
 * firing only when its bean is destroyed, after the pools have closed, and never waits for a round that returned a
 * {@code Uni}. A round cut short is not lost: every round is idempotent and the next one, here or in another replica,
 * picks its work up.
 */
@Singleton
public class RoundsInFlight {

    private final Duration shutdownTimeout;
    private int running;
    private boolean stopping;

    RoundsInFlight(ScheduledRoundsConfig config) {
        this.shutdownTimeout = config.shutdownTimeout();
    }

    /** Counts a round that is about to start, or says no once shutdown has begun. */
    synchronized boolean start() {
        if (stopping) {
            return false;
        }
        running++;
        return true;
    }

    synchronized void end() {
        running--;
        if (running == 0) {
            notifyAll();
        }
    }

    synchronized int running() {
        return running;
    }

    synchronized boolean stopping() {
        return stopping;
    }

    // Before SqsEventConnector's drain (PLATFORM_BEFORE + 1): the rounds are short, and the pools stay open for both.
    void finishOnShutdown(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent event) {
        int left = stopAndAwait(shutdownTimeout);
        if (left > 0) {
            Log.warnf("%d scheduled round(s) still running after %s; the next round picks up what they left", left,
                    shutdownTimeout);
        }
    }

    /**
     * Lets no more rounds start and waits up to {@code timeout} for the running ones to end.
     *
     * @return how many are still running
     */
    synchronized int stopAndAwait(Duration timeout) {
        stopping = true;
        if (running > 0) {
            Log.infof("Waiting for %d scheduled round(s) to finish, at most %s", running, timeout);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            for (long left = timeout.toNanos(); running > 0 && left > 0; left = deadline - System.nanoTime()) {
                wait(Math.max(1, left / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return running;
    }
}
