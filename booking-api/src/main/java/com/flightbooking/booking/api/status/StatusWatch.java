package com.flightbooking.booking.api.status;

import java.util.function.Consumer;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;

/**
 * One stream's interest in one booking: a one-slot signal that the booking's status may have changed. Signals that
 * arrive while the stream is busy collapse into one, so a watch holds no more than that however many arrive.
 */
public final class StatusWatch {

    private final Consumer<StatusWatch> onClose;
    // Starts signalled: the stream's first look at the booking happens at once, after the watch was registered.
    private boolean signalled = true;
    private UniEmitter<? super Void> waiting;

    StatusWatch(Consumer<StatusWatch> onClose) {
        this.onClose = onClose;
    }

    /** Completes at once when signalled since the last call (or on the first call), otherwise at the next signal. */
    public Uni<Void> nextChange() {
        return Uni.createFrom().emitter(emitter -> {
            boolean now;
            synchronized (this) {
                now = signalled;
                signalled = false;
                if (!now) {
                    waiting = emitter;
                }
            }
            if (now) {
                emitter.complete(null);
            } else {
                emitter.onTermination(() -> forget(emitter));
            }
        });
    }

    /** Stops the signals; the listener forgets the watch. */
    public void close() {
        onClose.accept(this);
    }

    void signal() {
        UniEmitter<? super Void> toWake;
        synchronized (this) {
            toWake = waiting;
            waiting = null;
            signalled = toWake == null;
        }
        if (toWake != null) {
            toWake.complete(null);
        }
    }

    private synchronized void forget(UniEmitter<? super Void> emitter) {
        if (waiting == emitter) {
            waiting = null;
        }
    }
}
