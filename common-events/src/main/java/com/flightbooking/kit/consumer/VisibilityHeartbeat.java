package com.flightbooking.kit.consumer;

import java.time.Duration;
import java.util.Collection;
import java.util.function.Supplier;

import io.vertx.core.Context;

/**
 * Keeps the messages a consumer holds invisible for as long as it holds them: every beat sets each one's visibility
 * to the full timeout again, so a handler slower than the timeout never sees its message delivered twice. Beats
 * come well before the visibility runs out (see {@link ConsumerSettings#heartbeatInterval()}). Confined to the
 * consumer's Vert.x context, like the set of held messages it reads.
 */
final class VisibilityHeartbeat {

    private final Context context;
    private final Duration interval;
    private final int visibilitySeconds;
    private final VisibilityChanges visibility;
    private final Supplier<Collection<SqsDelivery>> held;
    private long timer = -1;

    VisibilityHeartbeat(Context context, Duration interval, Duration visibilityTimeout, VisibilityChanges visibility,
            Supplier<Collection<SqsDelivery>> held) {
        this.context = context;
        this.interval = interval;
        this.visibilitySeconds = (int) visibilityTimeout.toSeconds();
        this.visibility = visibility;
        this.held = held;
    }

    /** Called on the consumer's context, so that the beats run there too. */
    void start() {
        timer = context.owner().setPeriodic(interval.toMillis(), id -> beat());
    }

    void beat() {
        Collection<SqsDelivery> now = held.get();
        if (!now.isEmpty()) {
            visibility.set(now, visibilitySeconds);
        }
    }

    void stop() {
        if (timer >= 0) {
            context.owner().cancelTimer(timer);
            timer = -1;
        }
    }
}
