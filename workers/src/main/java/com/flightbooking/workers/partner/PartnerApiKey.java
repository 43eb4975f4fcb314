package com.flightbooking.workers.partner;

/**
 * How the workers authenticate to their partners: every call carries the partner's API key in this header, from
 * {@code flights.partners.<partner>.api-key} (production: an environment variable from a Kubernetes Secret).
 */
public final class PartnerApiKey {

    public static final String HEADER = "X-Api-Key";

    private PartnerApiKey() {
    }
}
