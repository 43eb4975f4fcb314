package com.flightbooking.workers.ledger;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.flightbooking.events.EventEnvelope;
import com.flightbooking.events.EventType;
import com.flightbooking.events.QueueRole;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * The ledger role: one entry per money movement (a charge, a refund). The consumer kit hands it decoded events;
 * success acknowledges, a failure is retried with backoff and dead-lettered after the last allowed delivery.
 */
@ApplicationScoped
public class LedgerConsumer {

    private final LedgerRecorder recorder;

    LedgerConsumer(LedgerRecorder recorder) {
        this.recorder = recorder;
    }

    @Incoming(QueueRole.Names.LEDGER)
    public Uni<Void> consume(EventEnvelope event) {
        if (event.type() != EventType.PAYMENT_CHARGED && event.type() != EventType.PAYMENT_REFUNDED) {
            Log.debugf("Ledger ignores %s %s", event.type().ceType(), event.id());
            return Uni.createFrom().voidItem();
        }
        return recorder.record(event);
    }
}
