package com.flightbooking.events.testing;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/**
 * What the simulated partners did, counted the way the real ones count it: a processor or a fulfiller acts once per
 * idempotency key and answers a repeated key with its first answer, so any number of requests under one key is one
 * charge, one refund, one seat. Read from WireMock's request journal; a request the partner failed (503) or refused
 * (402, 409) did nothing.
 */
public final class PartnerEffects {

    public static final String CHARGES = "/payment-processor/v1/charges";
    public static final String REFUNDS = "/payment-processor/v1/refunds";
    public static final String RESERVATIONS = "/travel-fulfiller/v1/reservations";
    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final WireMock wireMock;
    private final ObjectMapper json = new ObjectMapper();

    public PartnerEffects(WireMock wireMock) {
        this.wireMock = wireMock;
    }

    /** Charges the processor made for the booking. */
    public int charges(String bookingId) {
        return effects(CHARGES, Set.of(bookingId)).size();
    }

    /** Refunds the processor made for the booking. */
    public int refunds(String bookingId) {
        return effects(REFUNDS, Set.of(bookingId)).size();
    }

    /** Seats the fulfiller reserved for the booking. */
    public int reservations(String bookingId) {
        return effects(RESERVATIONS, Set.of(bookingId)).size();
    }

    /** Reservations the fulfiller cancelled under this record locator. */
    public int cancellations(String recordLocator) {
        return byKey(request -> request.getMethod().getName().equals("DELETE")
                && request.getUrl().equals(RESERVATIONS + "/" + recordLocator)).size();
    }

    /** Charges the processor made, per booking (its {@code reference}); one journal read for every booking. */
    public Map<String, Integer> chargesPerBooking() {
        return perBooking(CHARGES);
    }

    /** Refunds the processor made, per booking. */
    public Map<String, Integer> refundsPerBooking() {
        return perBooking(REFUNDS);
    }

    /** What the processor moved for these bookings: charged minus refunded amounts. */
    public BigDecimal net(Set<String> bookingIds) {
        return sum(effects(CHARGES, bookingIds)).subtract(sum(effects(REFUNDS, bookingIds)));
    }

    private Map<String, Integer> perBooking(String path) {
        Map<String, Integer> counts = new HashMap<>();
        byKey(request -> request.getMethod().getName().equals("POST") && request.getUrl().equals(path)).values()
                .forEach(request -> counts.merge(body(request).path("reference").asText(), 1, Integer::sum));
        return counts;
    }

    /** The first successful POST per idempotency key to {@code path} whose {@code reference} is one of the bookings. */
    private Map<String, JsonNode> effects(String path, Set<String> bookingIds) {
        Map<String, JsonNode> bodies = new LinkedHashMap<>();
        byKey(request -> request.getMethod().getName().equals("POST") && request.getUrl().equals(path))
                .forEach((key, request) -> {
                    JsonNode body = body(request);
                    if (bookingIds.contains(body.path("reference").asText())) {
                        bodies.put(key, body);
                    }
                });
        return bodies;
    }

    private Map<String, LoggedRequest> byKey(Predicate<LoggedRequest> matching) {
        List<ServeEvent> served = wireMock.getServeEvents();
        Map<String, LoggedRequest> first = new LinkedHashMap<>();
        served.stream()
                .filter(event -> event.getResponse().getStatus() / 100 == 2)
                .filter(event -> matching.test(event.getRequest()))
                .sorted(Comparator.comparing(event -> event.getRequest().getLoggedDate()))
                .forEach(event -> first.putIfAbsent(event.getRequest().getHeader(IDEMPOTENCY_KEY),
                        event.getRequest()));
        return first;
    }

    private JsonNode body(LoggedRequest request) {
        try {
            return json.readTree(request.getBodyAsString());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Not JSON: a request to " + request.getUrl(), e);
        }
    }

    private static BigDecimal sum(Map<String, JsonNode> bodies) {
        return bodies.values().stream().map(body -> new BigDecimal(body.path("amount").asText()))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
