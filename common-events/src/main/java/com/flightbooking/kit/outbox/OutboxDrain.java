package com.flightbooking.kit.outbox;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * Works off an outbox table in rounds, one drain at a time per process, for the relay of events ({@link OutboxRelay})
 * and the sender of emails. A periodic sweep and commit wake-ups both ask for drains; a request during a drain asks it
 * for another round rather than starting a second drain in parallel, which would only compete with the first for the
 * same rows. A drain goes on while a round claims a full batch (more rows are probably waiting) or something woke it.
 * <p>
 * With a batch window, a round that claimed some rows but not a full batch, and during which more were committed
 * (something woke it), is followed by a pause of that window before the next round: under a steady flow of commits,
 * those of the window go in one round (one claim, one publish, one mark) instead of a round each. A round with no
 * commit during it, one that finds nothing and a full one do not pause, so rows of a quiet system go at once.
 */
public final class OutboxDrain {

    private final Supplier<Uni<Integer>> round;
    private final int fullRound;
    /** Whole milliseconds, as Vert.x's timers count: a window under one is none. */
    private final long batchWindowMillis;
    private final Vertx vertx;
    private final Consumer<Throwable> onFailure;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean wokenWhileDraining = new AtomicBoolean();

    /**
     * @param round claims and works off up to {@code fullRound} rows, emitting how many it claimed
     * @param batchWindow the pause after a round that claimed some rows but not {@code fullRound} while more were
     *        committed (zero: none), on a timer of {@code vertx}
     * @param onFailure told of a failed round (the drain ends; the next sweep or wake-up starts another)
     */
    public OutboxDrain(Supplier<Uni<Integer>> round, int fullRound, Duration batchWindow, Vertx vertx,
            Consumer<Throwable> onFailure) {
        this.round = round;
        this.fullRound = fullRound;
        this.batchWindowMillis = batchWindow.toMillis();
        this.vertx = vertx;
        this.onFailure = onFailure;
    }

    /** Asks for a drain soon. Cheap and safe to call from any thread, any number of times. */
    public void wake() {
        drain().subscribe().with(ignored -> {
        });
    }

    /** Drains; completes at once when a drain is already running in this process: that one goes round once more. */
    public Uni<Void> drain() {
        return Uni.createFrom().deferred(() -> {
            wokenWhileDraining.set(true);
            if (!draining.compareAndSet(false, true)) {
                return Uni.createFrom().voidItem();
            }
            wokenWhileDraining.set(false);
            return round.get()
                    // Still draining during the pause: wake-ups in it only ask for the round after it.
                    .call(claimed -> pausesAfter(claimed) ? pause() : Uni.createFrom().voidItem())
                    // Released before the wake flag is read: a wake-up in between starts the next drain itself.
                    .eventually(() -> draining.set(false))
                    .flatMap(claimed -> claimed == fullRound || wokenWhileDraining.get() ? drain()
                            : Uni.createFrom().voidItem());
        }).onFailure().recoverWithItem(failure -> {
            onFailure.accept(failure);
            return null;
        });
    }

    private Uni<Void> pause() {
        return Uni.createFrom().emitter(paused -> vertx.setTimer(batchWindowMillis, id -> paused.complete(null)));
    }

    /** After a round that fell short of a full batch while more rows were committed: more are on their way. */
    private boolean pausesAfter(int claimed) {
        return claimed > 0 && claimed < fullRound && wokenWhileDraining.get() && batchWindowMillis > 0;
    }
}
