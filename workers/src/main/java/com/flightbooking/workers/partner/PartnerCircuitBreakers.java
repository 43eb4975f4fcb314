package com.flightbooking.workers.partner;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.Config;

import com.flightbooking.events.QueueRole;
import com.flightbooking.kit.consumer.ReceiveGate;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.faulttolerance.api.Guard;

/**
 * One circuit breaker per partner, applied to its client's methods ({@code @ApplyGuard}), and the receive gate of the
 * role that calls it: the payment role needs the processor, fulfilment the travel fulfiller, the airline check the
 * airline.
 */
@Singleton
public class PartnerCircuitBreakers {

    public static final String PAYMENT_PROCESSOR = "payment-processor";
    public static final String TRAVEL_FULFILLER = "travel-fulfiller";
    public static final String AIRLINE = "airline";

    private final PartnerCircuitBreaker paymentProcessor;
    private final PartnerCircuitBreaker travelFulfiller;
    private final PartnerCircuitBreaker airline;

    PartnerCircuitBreakers(Config config, MeterRegistry registry) {
        this.paymentProcessor = breaker(config, registry, PAYMENT_PROCESSOR);
        this.travelFulfiller = breaker(config, registry, TRAVEL_FULFILLER);
        this.airline = breaker(config, registry, AIRLINE);
    }

    private static PartnerCircuitBreaker breaker(Config config, MeterRegistry registry, String partner) {
        return new PartnerCircuitBreaker(partner, PartnerCircuitBreaker.Settings.of(config, partner), System::nanoTime,
                registry);
    }

    public PartnerCircuitBreaker paymentProcessor() {
        return paymentProcessor;
    }

    @Produces
    @Singleton
    @Identifier(PAYMENT_PROCESSOR)
    Guard paymentProcessorGuard() {
        return paymentProcessor.guard();
    }

    @Produces
    @Singleton
    @Identifier(TRAVEL_FULFILLER)
    Guard travelFulfillerGuard() {
        return travelFulfiller.guard();
    }

    @Produces
    @Singleton
    @Identifier(AIRLINE)
    Guard airlineGuard() {
        return airline.guard();
    }

    @Produces
    @Singleton
    @Identifier(QueueRole.Names.PAYMENT)
    ReceiveGate paymentGate() {
        return new PartnerGate(QueueRole.Names.PAYMENT, paymentProcessor);
    }

    @Produces
    @Singleton
    @Identifier(QueueRole.Names.FULFILMENT)
    ReceiveGate fulfilmentGate() {
        return new PartnerGate(QueueRole.Names.FULFILMENT, travelFulfiller);
    }

    @Produces
    @Singleton
    @Identifier(QueueRole.Names.AIRLINE_CHECK)
    ReceiveGate airlineCheckGate() {
        return new PartnerGate(QueueRole.Names.AIRLINE_CHECK, airline);
    }
}
