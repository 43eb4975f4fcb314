package com.flightbooking.booking.api.ratelimit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The streams open in this instance, per client and in all. Only clients with an open stream are kept, so memory is
 * bounded by the total cap.
 */
final class OpenStreams {

    enum Refusal {
        PER_CLIENT,
        TOTAL
    }

    /** A place taken by one stream, or the cap that refused one. Closing it gives the place back, once. */
    static final class Slot implements AutoCloseable {

        private final OpenStreams streams;
        private final String client;
        private final Refusal refusal;
        private final int remaining;
        private final AtomicBoolean open;

        private Slot(OpenStreams streams, String client, Refusal refusal, int remaining) {
            this.streams = streams;
            this.client = client;
            this.refusal = refusal;
            this.remaining = remaining;
            this.open = new AtomicBoolean(refusal == null);
        }

        boolean opened() {
            return refusal == null;
        }

        /** The cap that refused the stream; null when it opened. */
        Refusal refusal() {
            return refusal;
        }

        /** Streams the client may still open besides this one. */
        int remaining() {
            return remaining;
        }

        @Override
        public void close() {
            if (open.compareAndSet(true, false)) {
                streams.release(client);
            }
        }
    }

    private final int maxPerClient;
    private final int maxTotal;
    private final Map<String, Integer> perClient = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();

    OpenStreams(int maxPerClient, int maxTotal) {
        this.maxPerClient = maxPerClient;
        this.maxTotal = maxTotal;
    }

    Slot tryOpen(String client) {
        if (total.incrementAndGet() > maxTotal) {
            total.decrementAndGet();
            return new Slot(this, client, Refusal.TOTAL, 0);
        }
        int[] opened = { 0 };
        perClient.compute(client, (key, count) -> {
            int now = count == null ? 0 : count;
            if (now >= maxPerClient) {
                return count;
            }
            opened[0] = now + 1;
            return opened[0];
        });
        if (opened[0] == 0) {
            total.decrementAndGet();
            return new Slot(this, client, Refusal.PER_CLIENT, 0);
        }
        return new Slot(this, client, null, maxPerClient - opened[0]);
    }

    int total() {
        return total.get();
    }

    int maxPerClient() {
        return maxPerClient;
    }

    private void release(String client) {
        perClient.computeIfPresent(client, (key, count) -> count <= 1 ? null : count - 1);
        total.decrementAndGet();
    }
}
