package com.flightbooking.booking.api.rest;

import java.util.UUID;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import com.flightbooking.booking.api.repository.BookingStatusReader;
import com.flightbooking.booking.api.security.Callers;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;

/**
 * Answers 404 before a {@link VisibleBooking} method runs when the caller may not see the booking, or there is none.
 * Also what lets a streaming method answer 404 at all: its 200 and headers are sent as soon as it returns, before
 * its stream finds out anything. The endpoint's security check has authenticated the caller by then.
 */
public class VisibleBookingFilter {

    private final BookingStatusReader reader;
    private final CurrentIdentityAssociation identities;
    private final Callers callers;

    VisibleBookingFilter(BookingStatusReader reader, CurrentIdentityAssociation identities, Callers callers) {
        this.reader = reader;
        this.identities = identities;
        this.callers = callers;
    }

    @ServerRequestFilter(nonBlocking = true, priority = RequestFilters.NON_BLOCKING)
    @VisibleBooking
    public Uni<Void> requireVisibleBooking(UriInfo uri) {
        UUID id;
        try {
            id = UUID.fromString(uri.getPathParameters().getFirst("id"));
        } catch (IllegalArgumentException e) {
            // Not an id at all: the method's own parameter conversion answers 404.
            return Uni.createFrom().voidItem();
        }
        return identities.getDeferredIdentity()
                .map(callers::of)
                .chain(caller -> reader.isVisible(id, caller.subject(), caller.seesEveryBooking()))
                .invoke(visible -> {
                    if (!visible) {
                        throw new NotFoundException("No booking " + id);
                    }
                })
                .replaceWithVoid();
    }
}
