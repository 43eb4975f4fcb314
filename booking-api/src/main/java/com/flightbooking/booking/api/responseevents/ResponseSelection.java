package com.flightbooking.booking.api.responseevents;

/** Decides which responses become events. */
@FunctionalInterface
interface ResponseSelection {

    boolean selects(ObservedResponse response);
}
