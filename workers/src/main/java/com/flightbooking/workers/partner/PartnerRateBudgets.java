package com.flightbooking.workers.partner;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.Config;

import com.flightbooking.events.QueueRole;
import com.flightbooking.kit.consumer.ReceiveGate;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Identifier;
import io.vertx.core.Vertx;

/**
 * The fleet-wide rate budget of each partner, taken by every call to it, and the receive gate that pauses the role
 * that calls it while the budget is spent (next to its circuit breaker's gate: {@link PartnerCircuitBreakers}).
 */
@Singleton
public class PartnerRateBudgets {

    private final PartnerRateBudget paymentProcessor;
    private final PartnerRateBudget travelFulfiller;
    private final PartnerRateBudget airline;

    PartnerRateBudgets(Config config, PermitLeases leases, Vertx vertx, MeterRegistry registry) {
        this.paymentProcessor = budget(config, leases, vertx, registry, PartnerCircuitBreakers.PAYMENT_PROCESSOR);
        this.travelFulfiller = budget(config, leases, vertx, registry, PartnerCircuitBreakers.TRAVEL_FULFILLER);
        this.airline = budget(config, leases, vertx, registry, PartnerCircuitBreakers.AIRLINE);
    }

    private static PartnerRateBudget budget(Config config, PermitLeases leases, Vertx vertx, MeterRegistry registry,
            String partner) {
        PartnerRateBudget.Settings settings = PartnerRateBudget.Settings.of(config, partner);
        return new PartnerRateBudget(partner, settings,
                wanted -> leases.lease(partner, settings.callsPerSecond(), settings.slot(), wanted), vertx,
                System::nanoTime, registry);
    }

    public PartnerRateBudget paymentProcessor() {
        return paymentProcessor;
    }

    public PartnerRateBudget travelFulfiller() {
        return travelFulfiller;
    }

    public PartnerRateBudget airline() {
        return airline;
    }

    @Produces
    @Singleton
    @Identifier(QueueRole.Names.PAYMENT + "-rate-budget")
    ReceiveGate paymentGate() {
        return new RateBudgetGate(QueueRole.Names.PAYMENT, paymentProcessor);
    }

    @Produces
    @Singleton
    @Identifier(QueueRole.Names.FULFILMENT + "-rate-budget")
    ReceiveGate fulfilmentGate() {
        return new RateBudgetGate(QueueRole.Names.FULFILMENT, travelFulfiller);
    }

    @Produces
    @Singleton
    @Identifier(QueueRole.Names.AIRLINE_CHECK + "-rate-budget")
    ReceiveGate airlineCheckGate() {
        return new RateBudgetGate(QueueRole.Names.AIRLINE_CHECK, airline);
    }
}
