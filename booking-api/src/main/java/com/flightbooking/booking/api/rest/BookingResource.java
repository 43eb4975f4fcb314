package com.flightbooking.booking.api.rest;

import java.net.URI;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestResponse;

import com.flightbooking.booking.api.service.BookingLifecycle;
import com.flightbooking.booking.api.service.BookingService;

import io.smallrye.mutiny.Uni;

@Path("/bookings")
@Produces(MediaType.APPLICATION_JSON)
public class BookingResource {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String CORRELATION_ID = "X-Correlation-Id";

    private final BookingService bookings;
    private final BookingLifecycle lifecycle;

    BookingResource(BookingService bookings, BookingLifecycle lifecycle) {
        this.bookings = bookings;
        this.lifecycle = lifecycle;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<BookingView>> create(
            @NotNull(message = "a JSON body is required") @Valid CreateBookingRequest request,
            @HeaderParam(IDEMPOTENCY_KEY) @Pattern(regexp = "[\\x21-\\x7E]{1,255}", message = "must be 1-255 visible ASCII characters")
            String idempotencyKey,
            @HeaderParam(CORRELATION_ID) @Pattern(regexp = "[A-Za-z0-9._:-]{1,128}", message = "must be 1-128 characters of [A-Za-z0-9._:-]")
            String correlationId) {
        String correlation = correlationId != null ? correlationId : UUID.randomUUID().toString();
        return bookings.create(request, idempotencyKey, correlation)
                .map(creation -> RestResponse.ResponseBuilder
                        .create(Response.Status.ACCEPTED, BookingView.of(creation.booking()))
                        .location(URI.create("/bookings/" + creation.booking().id))
                        .header(CORRELATION_ID, correlation)
                        .header("Idempotent-Replayed", creation.replayed() ? "true" : null)
                        .build());
    }

    @GET
    @Path("/{id}")
    public Uni<BookingView> get(@PathParam("id") UUID id) {
        return bookings.find(id)
                .onItem().ifNull().failWith(() -> new NotFoundException("No booking " + id))
                .map(BookingView::of);
    }

    /**
     * Cancels a pending or confirmed booking: 202, as the refund and the seat's release follow asynchronously.
     * Cancelling again answers the same; a booking that failed or was declined cannot be cancelled (409).
     */
    @POST
    @Path("/{id}/cancel")
    public Uni<RestResponse<BookingView>> cancel(@PathParam("id") UUID id,
            @HeaderParam(CORRELATION_ID) @Pattern(regexp = "[A-Za-z0-9._:-]{1,128}", message = "must be 1-128 characters of [A-Za-z0-9._:-]")
            String correlationId) {
        String correlation = correlationId != null ? correlationId : UUID.randomUUID().toString();
        return lifecycle.cancel(id, correlation)
                .onItem().ifNull().failWith(() -> new NotFoundException("No booking " + id))
                .map(booking -> RestResponse.ResponseBuilder
                        .create(Response.Status.ACCEPTED, BookingView.of(booking))
                        .header(CORRELATION_ID, correlation)
                        .build());
    }
}
