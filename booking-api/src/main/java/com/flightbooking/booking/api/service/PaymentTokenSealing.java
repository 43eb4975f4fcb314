package com.flightbooking.booking.api.service;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.flightbooking.kit.secrets.PaymentTokenSealer;

import io.quarkus.runtime.Startup;

/**
 * The key that seals payment tokens into {@code BookingRequested}. Checked at startup: without it (production:
 * {@code PAYMENT_TOKEN_KEY}) or with a malformed one the API does not start, rather than fail every booking.
 */
@Singleton
class PaymentTokenSealing {

    @Produces
    @Singleton
    @Startup
    PaymentTokenSealer sealer(@ConfigProperty(name = PaymentTokenSealer.KEY_PROPERTY) String base64Key) {
        return new PaymentTokenSealer(base64Key);
    }
}
