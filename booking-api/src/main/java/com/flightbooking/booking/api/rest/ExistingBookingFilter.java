package com.flightbooking.booking.api.rest;

import java.util.UUID;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import com.flightbooking.booking.api.repository.BookingStatusReader;

import io.smallrye.mutiny.Uni;

/**
 * Answers 404 for an unknown booking before an {@link ExistingBooking} method runs. A streaming method cannot: its
 * 200 and headers are sent as soon as it returns, before its stream finds out anything.
 */
public class ExistingBookingFilter {

    private final BookingStatusReader reader;

    ExistingBookingFilter(BookingStatusReader reader) {
        this.reader = reader;
    }

    @ServerRequestFilter(nonBlocking = true, priority = RequestFilters.NON_BLOCKING)
    @ExistingBooking
    public Uni<Void> requireBooking(UriInfo uri) {
        UUID id;
        try {
            id = UUID.fromString(uri.getPathParameters().getFirst("id"));
        } catch (IllegalArgumentException e) {
            // Not an id at all: the method's own parameter conversion answers 400.
            return Uni.createFrom().voidItem();
        }
        return reader.current(id)
                .onItem().ifNull().failWith(() -> new NotFoundException("No booking " + id))
                .replaceWithVoid();
    }
}
