package com.flightbooking.workers.ledger;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.flightbooking.events.EventEnvelope;
import com.flightbooking.events.PaymentCharged;
import com.flightbooking.events.PaymentRefunded;
import com.flightbooking.events.QueueRole;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * The ledger role: one entry per money movement (a charge, a refund). The consumer kit hands it decoded events;
 * success acknowledges, a failure is retried with backoff and dead-lettered after the last allowed delivery.
 */
@ApplicationScoped
public class LedgerConsumer {

    private final LedgerService ledger;

    LedgerConsumer(LedgerService ledger) {
        this.ledger = ledger;
    }

    @Incoming(QueueRole.Names.LEDGER)
    public Uni<Void> consume(EventEnvelope event) {
        return switch (event.type()) {
            case PAYMENT_CHARGED -> ledger.charged(event, event.dataAs(PaymentCharged.class));
            case PAYMENT_REFUNDED -> ledger.refunded(event, event.dataAs(PaymentRefunded.class));
            default -> {
                Log.debugf("Ledger ignores %s %s", event.type().ceType(), event.id());
                yield Uni.createFrom().voidItem();
            }
        };
    }
}
