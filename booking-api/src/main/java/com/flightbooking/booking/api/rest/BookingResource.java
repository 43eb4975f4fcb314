package com.flightbooking.booking.api.rest;

import java.net.URI;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import com.flightbooking.booking.api.ratelimit.RateLimitPolicy;
import com.flightbooking.booking.api.ratelimit.RateLimited;
import com.flightbooking.booking.api.security.Callers;
import com.flightbooking.booking.api.service.BookingLifecycle;
import com.flightbooking.booking.api.service.BookingService;
import com.flightbooking.kit.problem.Problem;
import com.flightbooking.kit.validation.PlainText;

import io.quarkus.security.Authenticated;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

@Path("/bookings")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Bookings", description = "Book a flight, follow it to its outcome, cancel it")
@APIResponse(responseCode = "401", description = "No bearer token, or one that is not valid", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The token does not allow this request", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class BookingResource {

    static final String EXAMPLE_REQUEST = """
            {"offerId": "6f1c2b7e-3d0a-4c55-9a8e-2b1f0c9d4e21",
             "passenger": {"name": "Ada Lovelace", "email": "ada@example.com"},
             "paymentToken": "tok_visa_4242",
             "corporateAccountId": "ACME-001"}""";
    static final String EXAMPLE_PROBLEM = """
            {"type": "https://flightbooking.dev/problems/validation", "title": "Bad Request", "status": 400,
             "detail": "The request is not valid.", "instance": "/bookings",
             "errors": [{"field": "passenger.email", "message": "must be a well-formed email address"}]}""";

    static final int MAX_PAGE = 10_000;
    static final int MAX_PAGE_SIZE = 100;
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String CORRELATION_ID = "X-Correlation-Id";

    private final BookingService bookings;
    private final BookingLifecycle lifecycle;
    private final SecurityIdentity identity;
    private final Callers callers;

    BookingResource(BookingService bookings, BookingLifecycle lifecycle, SecurityIdentity identity, Callers callers) {
        this.bookings = bookings;
        this.lifecycle = lifecycle;
        this.identity = identity;
        this.callers = callers;
    }

    // @formatter:off: one annotation attribute per line reads better than the formatter's single line
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RateLimited(RateLimitPolicy.BOOKINGS)
    @Operation(summary = "Book a flight",
            description = "Books an offer (GET /offers) at its price: records the booking (PENDING), takes the offer and"
                    + " records the BookingRequested event in one transaction and answers at once; payment, the seat"
                    + " and the email follow asynchronously. Never send a card number: the payment processor's token"
                    + " only.")
    @APIResponse(responseCode = "202", description = "Accepted: the booking, PENDING; Location names it")
    @APIResponse(responseCode = "400", description = "Invalid fields (each named), unknown fields (a fare, say),"
            + " malformed JSON or a card number",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "invalid email", value = EXAMPLE_PROBLEM)))
    @APIResponse(responseCode = "403", description = "The token does not name the corporate account",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Body over 64 KiB",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "Not application/json",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The offer expired or another booking took it: search again",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "No offer with this id was handed out, or the Idempotency-Key"
            + " was used before with another body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = RateLimited.DESCRIPTION,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<BookingView>> create(
            @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    examples = @ExampleObject(name = "booking", value = EXAMPLE_REQUEST)))
            @NotNull(message = "a JSON body is required") @Valid CreateBookingRequest request,
            @Parameter(description = "Same key and body: the first booking again (Idempotent-Replayed: true)")
            @HeaderParam(IDEMPOTENCY_KEY) @Pattern(regexp = "[\\x21-\\x7E]{1,255}", message = "must be 1-255 visible ASCII characters") @PlainText
            String idempotencyKey,
            @HeaderParam(CORRELATION_ID) @Pattern(regexp = "[A-Za-z0-9._:-]{1,128}", message = "must be 1-128 characters of [A-Za-z0-9._:-]") @PlainText
            String correlationId) {
        // @formatter:on
        return bookings.create(request, callers.of(identity), idempotencyKey, correlationId)
                .map(creation -> RestResponse.ResponseBuilder
                        .create(Response.Status.ACCEPTED, BookingView.of(creation.booking()))
                        .location(URI.create("/bookings/" + creation.booking().id))
                        .header("Idempotent-Replayed", creation.replayed() ? "true" : null)
                        .build());
    }

    // @formatter:off
    @GET
    @Operation(summary = "List your bookings", description = "The caller's own bookings, newest first, a page at a"
            + " time; next names the following page.")
    @APIResponse(responseCode = "200", description = "A page of bookings")
    @APIResponse(responseCode = "400", description = "page or size out of range",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<BookingListView> list(
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(MAX_PAGE_SIZE) int size) {
        // @formatter:on
        return bookings.pageOf(identity.getPrincipal().getName(), page, size)
                .map(found -> BookingListView.of(found, page, size));
    }

    // @formatter:off
    @GET
    @Path("/{id}")
    @Operation(summary = "Show a booking", description = "Its status (PENDING until the saga ends it: CONFIRMED with a"
            + " record locator, PAYMENT_DECLINED, FAILED_REFUNDED, CANCELLED, or EXPIRED when it had no outcome by the"
            + " saga's deadline) and what the airline added. Only its owner (and operators) see it.")
    @APIResponse(responseCode = "200", description = "The booking")
    @APIResponse(responseCode = "400", description = "The id is not a UUID",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such booking, or not yours",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<BookingView> get(@PathParam("id") UUID id) {
        // @formatter:on
        // Visibility in the same query as the read: no separate check (VisibleBookingFilter) on this hot path.
        return bookings.find(id, callers.of(identity))
                .onItem().ifNull().failWith(() -> new NotFoundException("No booking " + id))
                .map(BookingView::of);
    }

    /**
     * Cancels a pending or confirmed booking: 202, as the refund and the seat's release follow asynchronously.
     * Cancelling again answers the same; a booking that failed or was declined cannot be cancelled (409).
     */
    // @formatter:off
    @POST
    @Path("/{id}/cancel")
    @VisibleBooking
    @RateLimited(RateLimitPolicy.CANCELS)
    @Operation(summary = "Cancel a booking", description = "A PENDING or CONFIRMED booking becomes CANCELLED at once;"
            + " any charge is refunded and any seat given back asynchronously. Cancelling again answers the same."
            + " Only its owner (and operators) may cancel it.")
    @APIResponse(responseCode = "202", description = "The booking, CANCELLED")
    @APIResponse(responseCode = "403", description = "A service account that may read bookings but not cancel them",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such booking, or not yours",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The booking ended declined or failed: nothing to cancel",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = RateLimited.DESCRIPTION,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<BookingView>> cancel(@PathParam("id") UUID id,
            @HeaderParam(CORRELATION_ID) @Pattern(regexp = "[A-Za-z0-9._:-]{1,128}", message = "must be 1-128 characters of [A-Za-z0-9._:-]") @PlainText
            String correlationId) {
        // @formatter:on
        if (callers.of(identity).readsOnly()) {
            throw new ForbiddenException();
        }
        return lifecycle.cancel(id, correlationId)
                .onItem().ifNull().failWith(() -> new NotFoundException("No booking " + id))
                .map(booking -> RestResponse.ResponseBuilder
                        .create(Response.Status.ACCEPTED, BookingView.of(booking))
                        .build());
    }
}
