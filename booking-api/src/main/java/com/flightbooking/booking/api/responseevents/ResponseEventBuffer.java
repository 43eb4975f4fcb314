package com.flightbooking.booking.api.responseevents;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import jakarta.inject.Singleton;

/** Observed responses waiting to be published: bounded, and offering never waits. */
@Singleton
class ResponseEventBuffer {

    private final BlockingQueue<ObservedResponse> waiting;

    ResponseEventBuffer(ResponseEventsConfig config) {
        this.waiting = new ArrayBlockingQueue<>(config.bufferSize());
    }

    /** False when the buffer is full: the response is not kept. */
    boolean offer(ObservedResponse response) {
        return waiting.offer(response);
    }

    /** Up to {@code max} of the oldest waiting responses, taken out of the buffer. */
    List<ObservedResponse> take(int max) {
        List<ObservedResponse> taken = new ArrayList<>(Math.min(max, waiting.size()));
        waiting.drainTo(taken, max);
        return taken;
    }

    int size() {
        return waiting.size();
    }
}
