package com.flightbooking.booking.api.rest;

import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import com.flightbooking.events.CardNumbers;
import com.flightbooking.kit.tracing.EventSpans;
import com.flightbooking.kit.tracing.LogFields;

import io.opentelemetry.api.trace.Span;

/**
 * Every request has a correlation id: the caller's {@code X-Correlation-Id}, or one assigned here as if the caller
 * had sent it. It is answered on every response, set on the request's span and in the log context with the booking
 * the path names, and travels on with the events the request causes. An invalid one (a card number included; the
 * operations that take it answer 400) is replaced by a fresh id for the logs and the answer.
 */
public class CorrelationIdFilter {

    static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final String PROPERTY = CorrelationIdFilter.class.getName();

    @ServerRequestFilter(preMatching = true, nonBlocking = true)
    public void assign(ContainerRequestContext request) {
        String given = request.getHeaderString(BookingResource.CORRELATION_ID);
        String id = isValid(given) ? given : UUID.randomUUID().toString();
        if (given == null) {
            request.getHeaders().putSingle(BookingResource.CORRELATION_ID, id);
        }
        request.setProperty(PROPERTY, id);
        MDC.put(LogFields.CORRELATION_ID, id);
        Span.current().setAttribute(EventSpans.CORRELATION_ID, id);
    }

    /** A card number in the header matches the pattern: it must not reach the logs, the span or an event. */
    public static boolean isValid(String correlationId) {
        return correlationId != null && VALID.matcher(correlationId).matches()
                && !CardNumbers.containsCardNumber(correlationId);
    }

    @ServerRequestFilter(nonBlocking = true, priority = RequestFilters.NON_BLOCKING)
    public void nameBooking(UriInfo uri) {
        String bookingId = uri.getPathParameters().getFirst("id");
        if (bookingId != null) {
            MDC.put(LogFields.BOOKING_ID, bookingId);
            Span.current().setAttribute(EventSpans.BOOKING_ID, bookingId);
        }
    }

    @ServerResponseFilter
    public void answer(ContainerRequestContext request, ContainerResponseContext response) {
        Object id = request.getProperty(PROPERTY);
        if (id != null) {
            response.getHeaders().putSingle(BookingResource.CORRELATION_ID, id);
        }
    }
}
