package com.flightbooking.booking.api.security;

import java.security.Principal;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import com.flightbooking.kit.security.Roles;

import io.quarkus.security.identity.SecurityIdentity;

/** The {@link Caller} an authenticated identity stands for. */
@ApplicationScoped
public class Callers {

    private final String corporateAccountsClaim;

    Callers(@ConfigProperty(name = "flights.security.corporate-accounts-claim") String corporateAccountsClaim) {
        this.corporateAccountsClaim = corporateAccountsClaim;
    }

    public Caller of(SecurityIdentity identity) {
        boolean ops = identity.hasRole(Roles.OPS);
        return new Caller(identity.getPrincipal().getName(), ops || identity.hasRole(Roles.BOOKING_READER), ops,
                corporateAccounts(identity.getPrincipal()));
    }

    /** A JSON array of account ids, or a space-separated string as some providers write list claims. */
    private Set<String> corporateAccounts(Principal principal) {
        if (!(principal instanceof JsonWebToken token)) {
            return Set.of();
        }
        Object claim = token.getClaim(corporateAccountsClaim);
        if (claim instanceof JsonArray array) {
            return array.stream().filter(JsonString.class::isInstance).map(value -> ((JsonString) value).getString())
                    .collect(Collectors.toUnmodifiableSet());
        }
        if (claim instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).collect(Collectors.toUnmodifiableSet());
        }
        if (claim instanceof String value && !value.isBlank()) {
            return Set.of(value.trim().split("\\s+"));
        }
        return Set.of();
    }
}
