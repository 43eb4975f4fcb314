package com.flightbooking.workers.payment;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;

import com.flightbooking.kit.consumer.PermanentFailure;
import com.flightbooking.kit.secrets.PaymentTokenSealer;

/**
 * Opens the sealed payment token of a {@code BookingRequested}, for the charge alone. Created on first use, so only
 * processes that run the payment role read the key ({@code RoleSecrets} checks it at their startup).
 */
@ApplicationScoped
public class PaymentTokens {

    private final PaymentTokenSealer sealer;

    @Inject
    PaymentTokens(Config config) {
        this(new PaymentTokenSealer(config.getValue(PaymentTokenSealer.KEY_PROPERTY, String.class)));
    }

    PaymentTokens(PaymentTokenSealer sealer) {
        this.sealer = sealer;
    }

    /** @throws PermanentFailure when the reference does not open: no retry can change that */
    String open(UUID bookingId, String paymentTokenRef) {
        try {
            return sealer.open(bookingId, paymentTokenRef);
        } catch (PaymentTokenSealer.UnreadablePaymentToken e) {
            throw new PermanentFailure(e.getMessage(), e);
        }
    }
}
