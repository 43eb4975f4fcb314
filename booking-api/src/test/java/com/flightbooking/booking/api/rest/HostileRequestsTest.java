package com.flightbooking.booking.api.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.flightbooking.booking.api.Customers;
import com.flightbooking.events.testing.Bookings;
import com.flightbooking.events.testing.HostileInput;
import com.flightbooking.events.testing.HostileRequest;
import com.flightbooking.events.testing.HostileRun;
import com.flightbooking.kit.validation.PlainTextValidator;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A thousand generated hostile requests across every endpoint of the API (mutated and malformed bodies, odd headers,
 * path segments and query values, NUL and other control characters, bidi overrides, card numbers, huge values): none
 * is a 5xx, every 4xx is a problem, only the bookings answered 202 are written, and what they stored is plain text.
 */
@QuarkusTest
class HostileRequestsTest {

    static final int REQUESTS = 1_000;
    private static final List<String> ID_ENDPOINTS = List.of("GET /bookings/{id}", "POST /bookings/{id}/cancel",
            "GET /bookings/{id}/timeline", "GET /bookings/{id}/status-stream");
    private static final List<String> ODD_ENDPOINTS = List.of("PUT /bookings", "DELETE /bookings/{id}",
            "PATCH /bookings/{id}/cancel", "GET /bookings/{id}/{id}", "POST /{id}", "GET /{id}", "GET /offers");
    private static final List<String> CONTENT_TYPES = List.of("application/json; charset=UTF-16", "text/plain",
            "application/xml",
            "application/octet-stream", "text/csv; charset=x-unknown", "application/problem+json");

    @Inject
    Pool pool;

    @Test
    void noHostileRequestFailsTheServerOrWritesWhatItShouldNot() {
        HostileInput input = new HostileInput(HostileInput.seed(getClass().getSimpleName()));
        Instant started = Instant.now();
        long bookingsBefore = count("SELECT count(*) FROM booking");
        int created = 0;
        HostileRun run = new HostileRun(Customers.customerToken());

        for (int i = 0; i < REQUESTS; i++) {
            HostileRequest request = next(input);
            Response response = run.send(request);
            if (request.endpoint().equals("POST /bookings") && response.statusCode() == 202
                    && response.header("Idempotent-Replayed") == null) {
                created++;
            }
        }

        assertThat(run.failures()).isEmpty();
        assertThat(count("SELECT count(*) FROM booking") - bookingsBefore).isEqualTo(created);
        assertThat(storedTexts(started)).allSatisfy(text -> assertThat(PlainTextValidator.whyNot(text))
                .as("stored text").isNull());
    }

    private HostileRequest next(HostileInput input) {
        int kind = input.random().nextInt(10);
        Map<String, List<String>> query = new LinkedHashMap<>();
        Map<String, String> headers = new LinkedHashMap<>();
        if (input.random().nextInt(4) == 0) {
            query.put(input.oneOf(List.of("limit", "id", "q", input.shortText())), List.of(input.shortText()));
        }
        if (input.random().nextInt(5) == 0) {
            headers.put(input.oneOf(List.of("Accept", "X-Odd", "Accept-Language", "X-Forwarded-For")),
                    input.headerValue());
        }
        if (kind < 5) {
            String marker = UUID.randomUUID().toString();
            headers.put("Idempotency-Key", input.random().nextInt(4) == 0 ? input.headerValue() : marker);
            headers.put("X-Correlation-Id", input.random().nextInt(4) == 0 ? input.headerValue() : marker);
            String body = input.random().nextInt(10) == 0 ? input.text() : input.mutate(Bookings.valid(marker));
            String contentType = input.random().nextInt(5) == 0 ? input.oneOf(CONTENT_TYPES) : "application/json";
            return new HostileRequest("POST", "/bookings", Map.of(), query, headers, contentType, body);
        }
        String endpoint = input.oneOf(kind < 9 ? ID_ENDPOINTS : ODD_ENDPOINTS);
        String id = input.random().nextInt(4) == 0 ? UUID.randomUUID().toString() : input.shortText();
        String[] methodAndPath = endpoint.split(" ");
        return new HostileRequest(methodAndPath[0], methodAndPath[1],
                methodAndPath[1].contains("{id}") ? Map.of("id", id) : Map.of(), query, headers, null, null);
    }

    private long count(String sql) {
        return pool.query(sql).execute().await().indefinitely().iterator().next().getLong(0);
    }

    private List<String> storedTexts(Instant since) {
        List<String> texts = new ArrayList<>();
        for (Row row : pool.preparedQuery("SELECT passenger_name, passenger_email, corporate_account_id,"
                + " idempotency_key FROM booking WHERE created_at >= $1").execute(Tuple.of(
                        since.atOffset(
                                java.time.ZoneOffset.UTC)))
                .await().indefinitely()) {
            for (int column = 0; column < 4; column++) {
                texts.add(row.getString(column));
            }
        }
        return texts;
    }
}
