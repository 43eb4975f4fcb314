package com.flightbooking.workers.secrets;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.Config;

import com.flightbooking.events.QueueRole;
import com.flightbooking.kit.messaging.MessagingConfig;
import com.flightbooking.kit.secrets.PaymentTokenSealer;

import io.quarkus.runtime.StartupEvent;

/**
 * The secrets each worker role needs, checked when the process starts: a process that runs a role without one of its
 * secrets does not start, and says which environment variable to set, instead of failing every event it handles.
 * Each role gets only its own secrets (one Deployment per role), so the secrets of roles not run here are not read.
 */
@ApplicationScoped
public class RoleSecrets {

    /** A secret setting and the environment variable production takes it from. */
    record Secret(String property, String environmentVariable) {
    }

    static final Map<String, List<Secret>> BY_ROLE = Map.of(
            QueueRole.Names.PAYMENT, List.of(
                    new Secret(PaymentTokenSealer.KEY_PROPERTY, "PAYMENT_TOKEN_KEY"),
                    new Secret("flights.partners.payment-processor.api-key", "PAYMENT_PROCESSOR_API_KEY")),
            QueueRole.Names.FULFILMENT, List.of(
                    new Secret("flights.partners.travel-fulfiller.api-key", "TRAVEL_FULFILLER_API_KEY")),
            QueueRole.Names.AIRLINE_CHECK, List.of(
                    new Secret("flights.partners.airline.api-key", "AIRLINE_API_KEY"),
                    new Secret("quarkus.oidc-client.credentials.secret", "OIDC_CLIENT_SECRET")));

    void check(@Observes StartupEvent started, Config config, MessagingConfig messaging) {
        check(config, messaging.roles().orElse(List.of()));
    }

    /** @throws IllegalStateException naming the role, the setting and its environment variable */
    static void check(Config config, Collection<String> roles) {
        for (String role : roles) {
            for (Secret secret : BY_ROLE.getOrDefault(role, List.of())) {
                try {
                    config.getValue(secret.property(), String.class);
                } catch (NoSuchElementException missing) {
                    throw new IllegalStateException("The " + role + " role needs " + secret.property()
                            + ": set the environment variable " + secret.environmentVariable(), missing);
                }
            }
        }
    }
}
