package com.flightbooking.workers.ledger;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.flightbooking.events.EventCodec;
import com.flightbooking.events.EventEnvelope;
import com.flightbooking.events.EventType;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * The ledger role's queue. Success deletes the message; a failure leaves it on the queue, so SQS redelivers it after
 * the visibility timeout and moves it to the dead-letter queue after {@code maxReceiveCount} deliveries.
 */
@ApplicationScoped
public class LedgerConsumer {

    private final EventCodec codec;
    private final LedgerRecorder recorder;

    LedgerConsumer(EventCodec codec, LedgerRecorder recorder) {
        this.codec = codec;
        this.recorder = recorder;
    }

    @Incoming("ledger")
    public Uni<Void> consume(String body) {
        return Uni.createFrom().item(() -> codec.decode(body))
                .flatMap(this::handle)
                .onFailure().invoke(failure -> Log.warnf("Ledger could not handle a message, SQS will redeliver it: %s",
                        failure.getMessage()));
    }

    private Uni<Void> handle(EventEnvelope event) {
        if (event.type() != EventType.BOOKING_REQUESTED) {
            Log.debugf("Ledger ignores %s %s", event.type().ceType(), event.id());
            return Uni.createFrom().voidItem();
        }
        return recorder.record(event);
    }
}
