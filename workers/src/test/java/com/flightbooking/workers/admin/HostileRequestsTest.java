package com.flightbooking.workers.admin;

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

import com.flightbooking.events.testing.HostileInput;
import com.flightbooking.events.testing.HostileRequest;
import com.flightbooking.events.testing.HostileRun;
import com.flightbooking.events.testing.Sql;
import com.flightbooking.kit.validation.EmailAddressValidator;
import com.flightbooking.kit.validation.PlainTextValidator;
import com.flightbooking.localinfra.LocalTokens;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A thousand generated hostile requests across every endpoint of the workers (mutated and malformed bodies, odd
 * headers, path segments and query values, NUL and other control characters, bidi overrides, card numbers, huge
 * values): none is a 5xx, every 4xx is a problem, only accounts answered 200 are written and what they hold is plain
 * text, and no invoicing runs but those answered 200.
 */
@QuarkusTest
class HostileRequestsTest {

    static final int REQUESTS = 1_000;
    private static final String ACCOUNT = "{\"name\": \"Acme\", \"billingEmail\": \"billing@acme.test\"}";
    private static final List<String> PATH_ENDPOINTS = List.of("GET /admin/accounts/{id}", "PUT /admin/accounts/{id}",
            "GET /admin/invoices/{id}", "POST /admin/invoices/{id}/resend", "GET /admin/dlq/{id}",
            "POST /admin/dlq/{id}/redrive", "POST /admin/airline-check/{id}", "GET /admin/reminders/{id}",
            "POST /admin/reminders/{id}/fire");
    private static final List<String> QUERY_ENDPOINTS = List.of("GET /admin/invoices", "POST /admin/invoices/run",
            "GET /ledger/entries");
    private static final List<String> QUERY_PARAMETERS = List.of("account", "periodStart", "limit", "bookingId");
    private static final List<String> ODD_ENDPOINTS = List.of("DELETE /admin/accounts/{id}", "GET /admin/{id}",
            "POST /ledger/entries", "GET /{id}", "PATCH /admin/invoices/{id}", "PUT /admin/dlq/{id}/redrive");

    @Inject
    Pool pool;

    @Test
    void noHostileRequestFailsTheServerOrWritesWhatItShouldNot() {
        HostileInput input = new HostileInput(HostileInput.seed(getClass().getSimpleName()));
        Instant started = Instant.now();
        long accountsBefore = Sql.count(pool, "SELECT count(*) FROM corporate_account");
        long periodsBefore = Sql.count(pool, "SELECT count(*) FROM invoice_period");
        int accountsSaved = 0;
        int runs = 0;
        HostileRun run = new HostileRun(LocalTokens.ops());

        for (int i = 0; i < REQUESTS; i++) {
            HostileRequest request = next(input);
            int status = run.send(request).statusCode();
            accountsSaved += request.endpoint().equals("PUT /admin/accounts/{id}") && status == 200 ? 1 : 0;
            runs += request.endpoint().equals("POST /admin/invoices/run") && status == 200 ? 1 : 0;
        }

        assertThat(run.failures()).isEmpty();
        assertThat(Sql.count(pool, "SELECT count(*) FROM corporate_account") - accountsBefore)
                .isBetween(0L, (long) accountsSaved);
        if (runs == 0) {
            assertThat(Sql.count(pool, "SELECT count(*) FROM invoice_period")).isEqualTo(periodsBefore);
        }
        for (Row account : pool.preparedQuery("SELECT id, name, billing_email FROM corporate_account"
                + " WHERE updated_at >= $1").execute(Tuple.of(started.atOffset(ZoneOffset.UTC))).await().indefinitely()) {
            for (int column = 0; column < 3; column++) {
                assertThat(PlainTextValidator.whyNot(account.getString(column))).as("stored text").isNull();
            }
            assertThat(EmailAddressValidator.isEmailAddress(account.getString(2))).isTrue();
        }
    }

    private HostileRequest next(HostileInput input) {
        int kind = input.random().nextInt(10);
        Map<String, List<String>> query = new LinkedHashMap<>();
        Map<String, String> headers = new LinkedHashMap<>();
        if (input.random().nextInt(5) == 0) {
            headers.put(input.oneOf(List.of("Accept", "X-Correlation-Id", "Content-Type", "X-Odd")),
                    input.headerValue());
        }
        String endpoint;
        if (kind < 6) {
            endpoint = input.oneOf(PATH_ENDPOINTS);
        } else if (kind < 9) {
            endpoint = input.oneOf(QUERY_ENDPOINTS);
        } else {
            endpoint = input.oneOf(ODD_ENDPOINTS);
        }
        int parameters = input.random().nextInt(3) + (kind >= 6 && kind < 9 ? 1 : 0);
        for (int p = 0; p < parameters; p++) {
            String name = input.random().nextInt(8) == 0 ? input.shortText() : input.oneOf(QUERY_PARAMETERS);
            query.computeIfAbsent(name, n -> new ArrayList<>()).add(input.random().nextInt(4) == 0
                    ? UUID.randomUUID().toString()
                    : input.shortText());
        }
        String[] methodAndPath = endpoint.split(" ");
        String path = methodAndPath[1];
        String id = input.random().nextInt(4) == 0 ? UUID.randomUUID().toString() : input.shortText();
        boolean withBody = methodAndPath[0].equals("PUT") || input.random().nextInt(10) == 0;
        String body = !withBody ? null : input.random().nextInt(10) == 0 ? input.text() : input.mutate(ACCOUNT);
        String contentType = !withBody ? null
                : input.random().nextInt(5) == 0 ? input.oneOf(List.of("text/plain", "application/xml",
                        "application/json; charset=UTF-16", "application/octet-stream")) : "application/json";
        return new HostileRequest(methodAndPath[0], path, path.contains("{id}") ? Map.of("id", id) : Map.of(), query,
                headers, contentType, body);
    }
}
