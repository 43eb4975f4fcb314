package com.flightbooking.booking.api.security;

import java.util.Set;

/**
 * Who is asking, as far as bookings are concerned: a customer sees and cancels the bookings it made (its token's
 * subject owns them) and books on the corporate accounts its token names; an operator sees and cancels any
 * booking; a booking reader (a service) sees any booking and changes none.
 */
public record Caller(String subject, boolean seesEveryBooking, boolean cancelsEveryBooking,
        Set<String> corporateAccounts) {

    /** A service that may read any booking but change none. */
    public boolean readsOnly() {
        return seesEveryBooking && !cancelsEveryBooking;
    }

    public boolean mayBookOn(String corporateAccountId) {
        return corporateAccountId == null || corporateAccounts.contains(corporateAccountId);
    }
}
