package com.flightbooking.kit.security;

/**
 * The roles both apps authorise with, as the OIDC provider puts them in a token ({@code groups} claim by default;
 * {@code quarkus.oidc.roles.role-claim-path} names another). A customer has none: what a customer may do follows
 * from the token's subject owning the booking.
 */
public final class Roles {

    /** Operators: every {@code /admin} and {@code /ledger} endpoint, and any booking. */
    public static final String OPS = "ops";
    /** Finance clerks: reading invoices and corporate accounts. */
    public static final String FINANCE = "finance";
    /** A service that reads any booking, and nothing else: the workers' own account. */
    public static final String BOOKING_READER = "booking-reader";

    private Roles() {
    }
}
