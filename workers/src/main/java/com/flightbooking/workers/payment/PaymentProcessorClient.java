package com.flightbooking.workers.payment;

import java.math.BigDecimal;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.flightbooking.workers.partner.PartnerApiKey;
import com.flightbooking.workers.partner.PartnerCircuitBreakers;
import com.flightbooking.workers.partner.PartnerFailures;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.faulttolerance.api.ApplyGuard;
import io.smallrye.mutiny.Uni;

/**
 * The payment processor's HTTP API. Every call carries an idempotency key: a retried call (after a timeout, a crash,
 * a redelivered event) is recognised by the processor and never charges or refunds twice.
 */
@RegisterRestClient(configKey = "payment-processor")
@ClientHeaderParam(name = PartnerApiKey.HEADER, value = "${flights.partners.payment-processor.api-key}")
@Path("/v1")
public interface PaymentProcessorClient {

    String IDEMPOTENCY_KEY = "Idempotency-Key";

    record ChargeRequest(String token, BigDecimal amount, String currency, String reference) {
    }

    record ChargeResponse(String id, String status) {
    }

    record RefundRequest(String charge, BigDecimal amount, String currency, String reference) {
    }

    record RefundResponse(String id, String status) {
    }

    @ApplyGuard(PartnerCircuitBreakers.PAYMENT_PROCESSOR)
    @POST
    @Path("/charges")
    Uni<ChargeResponse> charge(@HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey, ChargeRequest request);

    @ApplyGuard(PartnerCircuitBreakers.PAYMENT_PROCESSOR)
    @POST
    @Path("/refunds")
    Uni<RefundResponse> refund(@HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey, RefundRequest request);

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return PartnerFailures.from("payment processor", response, 402);
    }
}
