package com.flightbooking.workers.partner;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.ext.Provider;

import org.jboss.logging.MDC;

import com.flightbooking.kit.tracing.LogFields;

/**
 * Every outgoing call (partners, the booking API) names the correlation id of the event being handled, so a
 * partner's logs and ours meet on one value; the trace context goes along as {@code traceparent} by itself.
 */
@Provider
public class CorrelationIdHeader implements ClientRequestFilter {

    public static final String HEADER = "X-Correlation-Id";

    @Override
    public void filter(ClientRequestContext request) {
        Object correlationId = MDC.get(LogFields.CORRELATION_ID);
        if (correlationId != null && !request.getHeaders().containsKey(HEADER)) {
            request.getHeaders().putSingle(HEADER, correlationId.toString());
        }
    }
}
