package com.flightbooking.booking.api.responseevents;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import com.flightbooking.booking.api.responseevents.ResponseEventMetrics.DropReason;
import com.flightbooking.events.EventCodec;
import com.flightbooking.events.EventEnvelope;
import com.flightbooking.kit.messaging.MessageAttributes;
import com.flightbooking.kit.messaging.SnsEventPublisher;
import com.flightbooking.kit.messaging.SnsEventPublisher.BatchResult;
import com.flightbooking.kit.messaging.SnsEventPublisher.OutgoingEvent;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Publishes buffered responses as {@code HttpResponseSent} events, best effort: full batches as soon as a
 * {@code PublishBatch} slot is free, partial ones every flush interval, at most {@code max-batches-in-flight} calls
 * at once. A failed call drops its events (counted): retrying would only pile events up behind an unavailable SNS.
 * Encoding and starting the calls (the SDK signs each one) run on a thread of its own, not on an event loop, where
 * they would queue behind or ahead of requests; on shutdown it publishes what is buffered, waiting at most
 * {@code shutdown-timeout}.
 */
@Singleton
public class ResponseEventShipper {

    static final String SOURCE = "/booking-api";

    private final ResponseEventsConfig config;
    private final ResponseEventBuffer buffer;
    private final SnsEventPublisher publisher;
    private final EventCodec codec;
    private final ResponseEventMetrics metrics;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean wakeScheduled = new AtomicBoolean();
    private final AtomicBoolean failing = new AtomicBoolean();
    private final Object idle = new Object();
    private volatile ScheduledExecutorService worker;
    private volatile boolean stopped;

    ResponseEventShipper(ResponseEventsConfig config, ResponseEventBuffer buffer, SnsEventPublisher publisher,
            EventCodec codec, ResponseEventMetrics metrics) {
        this.config = config;
        this.buffer = buffer;
        this.publisher = publisher;
        this.codec = codec;
        this.metrics = metrics;
    }

    void onStart(@Observes StartupEvent event) {
        if (config.batchSize() < 1 || config.batchSize() > SnsEventPublisher.MAX_BATCH) {
            throw new IllegalArgumentException("flights.response-events.batch-size is " + config.batchSize()
                    + ": SNS publishes 1 to " + SnsEventPublisher.MAX_BATCH + " events per batch");
        }
        if (!config.enabled()) {
            return;
        }
        ScheduledExecutorService own = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "response-events");
            thread.setDaemon(true);
            return thread;
        });
        long flush = config.flushInterval().toMillis();
        own.scheduleWithFixedDelay(() -> run(true), flush, flush, TimeUnit.MILLISECONDS);
        worker = own;
    }

    /** Keeps the response for publishing, or counts it dropped; never waits. Safe from any thread. */
    void offer(ObservedResponse response) {
        if (stopped || worker == null) {
            metrics.dropped(DropReason.SHUTDOWN, 1);
        } else if (!buffer.offer(response)) {
            metrics.dropped(DropReason.BUFFER_FULL, 1);
        } else if (buffer.size() >= config.batchSize() && inFlight.get() < config.maxBatchesInFlight()) {
            wake();
        }
    }

    private void wake() {
        if (wakeScheduled.compareAndSet(false, true)) {
            try {
                worker.execute(() -> {
                    wakeScheduled.set(false);
                    run(false);
                });
            } catch (RejectedExecutionException stopping) {
                wakeScheduled.set(false);
            }
        }
    }

    private void run(boolean partial) {
        try {
            send(partial);
        } catch (RuntimeException e) {
            // Thrown out of a scheduled task, it would end the schedule.
            Log.warnf(e, "Sending HTTP response events failed");
        }
    }

    /** Starts batches while slots are free: only full ones unless {@code partial}. */
    private void send(boolean partial) {
        while (true) {
            int running = inFlight.get();
            int waiting = buffer.size();
            if (running >= config.maxBatchesInFlight() || waiting == 0
                    || (!partial && waiting < config.batchSize())) {
                return;
            }
            if (!inFlight.compareAndSet(running, running + 1)) {
                continue;
            }
            List<ObservedResponse> batch = buffer.take(config.batchSize());
            if (batch.isEmpty()) {
                finished();
                return;
            }
            publish(batch);
        }
    }

    private void publish(List<ObservedResponse> batch) {
        List<OutgoingEvent> events;
        try {
            events = encode(batch);
        } catch (RuntimeException e) {
            metrics.dropped(DropReason.CAPTURE_FAILED, batch.size());
            Log.debugf(e, "Could not encode %d response events", batch.size());
            finished();
            return;
        }
        publisher.publish(events).subscribe().with(result -> {
            published(result);
            finished();
        }, failure -> {
            failed(batch.size(), failure.getClass().getSimpleName() + ": " + failure.getMessage());
            finished();
        });
    }

    private List<OutgoingEvent> encode(List<ObservedResponse> batch) {
        List<OutgoingEvent> events = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            ObservedResponse response = batch.get(i);
            EventEnvelope event = EventEnvelope.of(response.toPayload(), SOURCE, response.endedAt(),
                    response.correlationId(), response.traceparent());
            events.add(new OutgoingEvent(Integer.toString(i), codec.encode(event), MessageAttributes.of(event)));
        }
        return events;
    }

    private void published(BatchResult result) {
        metrics.published(result.published().size());
        if (!result.failed().isEmpty()) {
            failed(result.failed().size(), result.failed().values().iterator().next());
        } else if (failing.compareAndSet(true, false)) {
            Log.info("Publishing HTTP response events works again");
        }
    }

    private void failed(int events, String reason) {
        metrics.dropped(DropReason.PUBLISH_FAILED, events);
        // Once per outage, not once per batch: the counter tells how many.
        if (failing.compareAndSet(false, true)) {
            Log.warnf("Publishing HTTP response events fails, dropping them until it works again: %s", reason);
        }
    }

    private void finished() {
        inFlight.decrementAndGet();
        if (stopped) {
            synchronized (idle) {
                idle.notifyAll();
            }
        } else if (buffer.size() >= config.batchSize()) {
            wake();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        if (worker == null) {
            return;
        }
        stopped = true;
        worker.shutdownNow();
        long deadline = System.nanoTime() + config.shutdownTimeout().toNanos();
        synchronized (idle) {
            while (buffer.size() > 0 || inFlight.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                send(true);
                try {
                    idle.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        int left = buffer.take(Integer.MAX_VALUE).size();
        if (left > 0) {
            metrics.dropped(DropReason.SHUTDOWN, left);
            Log.warnf("%d HTTP response events were still buffered after %s and are dropped", left,
                    config.shutdownTimeout());
        }
    }
}
