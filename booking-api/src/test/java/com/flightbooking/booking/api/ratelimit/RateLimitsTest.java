package com.flightbooking.booking.api.ratelimit;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

import com.flightbooking.booking.api.Customers;
import com.flightbooking.booking.api.status.SseRecording;
import com.flightbooking.events.testing.Bookings;
import com.flightbooking.events.testing.Sql;
import com.flightbooking.localinfra.LocalTokens;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The abuse limits over HTTP, with small limits: 2 bookings and 2 cancellations per client per hour, 5 status streams
 * per client per hour, at most 2 open per client and 3 in all. Each test is its own clients: customers of their own,
 * with tokens from the tests' OIDC server (ClientKeysTest covers anonymous clients, keyed by address).
 */
@QuarkusTest
@TestProfile(RateLimitsTest.SmallLimits.class)
class RateLimitsTest {

    public static class SmallLimits implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.ofEntries(
                    Map.entry("%test.flights.rate-limits.bookings.limit", "2"),
                    Map.entry("%test.flights.rate-limits.bookings.burst", "2"),
                    Map.entry("%test.flights.rate-limits.bookings.window", "1h"),
                    Map.entry("%test.flights.rate-limits.cancels.limit", "2"),
                    Map.entry("%test.flights.rate-limits.cancels.window", "1h"),
                    Map.entry("%test.flights.rate-limits.status-streams.limit", "5"),
                    Map.entry("%test.flights.rate-limits.status-streams.window", "1h"),
                    Map.entry("%test.flights.rate-limits.status-streams.max-open-per-client", "2"),
                    Map.entry("%test.flights.rate-limits.status-streams.max-open", "3"),
                    Map.entry("%test.flights.rate-limits.status-streams.retry-after", "7s"));
        }
    }

    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final String CORPORATE = "corporate:" + Customers.CORPORATE_ACCOUNT;

    @Inject
    Pool pool;
    @Inject
    Vertx vertx;
    @Inject
    MeterRegistry registry;

    @TestHTTPResource("/bookings")
    URI bookings;

    @Test
    void eachAnswerTellsTheRemainingQuotaAndOnceItIsUsedUpTheRequestIsRefusedAndWritesNothing() {
        String client = newClient();
        double rejectedBefore = rejected("bookings", "rate");

        for (int remaining = 1; remaining >= 0; remaining--) {
            book(client).then().statusCode(202)
                    .header("RateLimit-Policy", "\"bookings\";q=2;w=3600")
                    .header("RateLimit", matchesPattern(field("bookings", remaining, 1800)));
        }
        String key = "limited-" + UUID.randomUUID();
        String correlationId = "limited-" + UUID.randomUUID();
        from(client).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .header("X-Correlation-Id", correlationId).body(Bookings.valid(key))
                .when().post("/bookings")
                .then().statusCode(429).contentType("application/problem+json")
                .header("Retry-After", matchesPattern(seconds(1800)))
                .header("RateLimit-Policy", "\"bookings\";q=2;w=3600")
                .header("RateLimit", matchesPattern(field("bookings", 0, 1800)))
                .body("status", is(429))
                .body("type", endsWith("/rate-limited"))
                .body("detail", startsWith("Too many bookings from this client"));

        assertThat(Sql.count(pool, "SELECT count(*) FROM booking WHERE idempotency_key = $1", key)).isZero();
        assertThat(Sql.count(pool, "SELECT count(*) FROM outbox WHERE correlation_id = $1", correlationId)).isZero();
        assertThat(rejected("bookings", "rate")).isEqualTo(rejectedBefore + 1);
    }

    @Test
    void eachClientHasItsOwnBucketAndAForwardedForHeaderDoesNotMakeAnotherClient() {
        String exhausted = newClient();
        book(exhausted).then().statusCode(202);
        book(exhausted).then().statusCode(202);

        // Without quarkus.http.proxy.proxy-address-forwarding nothing trusts the header: same address, same bucket.
        from(exhausted).header("X-Forwarded-For", "203.0.113.9").contentType(ContentType.JSON)
                .body(Bookings.valid(UUID.randomUUID().toString())).when().post("/bookings")
                .then().statusCode(429);
        book(newClient()).then().statusCode(202).header("RateLimit", matchesPattern(field("bookings", 1, 1800)));
    }

    @Test
    void cancellationsAreLimitedAndARefusedOneCancelsNothing() {
        String canceller = newClient();
        String first = id(book(canceller));
        String second = id(book(canceller));

        from(canceller).when().post("/bookings/" + first + "/cancel").then().statusCode(202)
                .header("RateLimit-Policy", "\"cancels\";q=2;w=3600")
                .header("RateLimit", matchesPattern(field("cancels", 1, 1800)));
        from(canceller).when().post("/bookings/" + first + "/cancel").then().statusCode(202);
        from(canceller).when().post("/bookings/" + second + "/cancel").then().statusCode(429)
                .contentType("application/problem+json").header("Retry-After", matchesPattern(seconds(1800)))
                .body("detail", startsWith("Too many cancellations from this client"));

        from(canceller).when().get("/bookings/" + second).then().statusCode(200)
                .body("status", is("PENDING"));
    }

    @Test
    void openingStatusStreamsIsLimitedAndARefusedOneGivesItsPlaceBack() {
        String client = newClient();

        // More than the 2 a client may hold open: a 404 gives its place back as it ends.
        for (int remaining = 4; remaining >= 0; remaining--) {
            String rateField = field("status-streams", remaining, 720);
            Response notFound = from(client).when().get("/bookings/" + UUID.randomUUID() + "/status-stream");
            notFound.then().statusCode(404);
            assertThat(notFound.headers().getValues("RateLimit")).hasSize(2)
                    .satisfies(fields -> assertThat(fields.get(0)).matches(rateField))
                    .contains("\"open-streams\";r=1");
        }
        Response refused = from(client).when().get("/bookings/" + UUID.randomUUID() + "/status-stream");

        refused.then().statusCode(429).contentType("application/problem+json")
                .header("Retry-After", matchesPattern(seconds(720)))
                .body("detail", startsWith("Too many status streams from this client"));
        // Refused for its rate, it took no place among the open streams.
        assertThat(refused.headers().getValues("RateLimit")).singleElement(as(InstanceOfAssertFactories.STRING))
                .matches(field("status-streams", 0, 720));
    }

    @Test
    void aClientHoldsAtMostItsCapOfOpenStreamsAndGetsAPlaceBackWhenItLeaves() throws Exception {
        awaitOpenStreams(0);
        String watcher = newClient();
        String first = id(book(watcher));
        String second = id(book(watcher));
        double rejectedBefore = rejected("status-streams", "open_per_client");

        SseRecording one = stream(watcher, first);
        try (SseRecording two = stream(watcher, second)) {
            assertThat(one.statusCode()).isEqualTo(200);
            assertThat(one.headers("RateLimit-Policy")).containsExactly("\"status-streams\";q=5;w=3600",
                    "\"open-streams\";q=2;qu=\"concurrent-requests\"");
            assertThat(one.headers("RateLimit")).hasSize(2)
                    .satisfies(fields -> assertThat(fields.get(0)).matches(field("status-streams", 4, 720)))
                    .contains("\"open-streams\";r=1");
            assertThat(two.statusCode()).isEqualTo(200);
            assertThat(two.headers("RateLimit")).contains("\"open-streams\";r=0");

            try (SseRecording third = stream(watcher, first)) {
                await().atMost(PATIENCE).until(third::ended);
                assertThat(third.statusCode()).isEqualTo(429);
                assertThat(third.headers("Retry-After")).containsExactly("7");
                assertThat(third.headers("RateLimit")).contains("\"open-streams\";r=0");
                assertThat(third.body()).contains("holds 2 status streams open already");
            }
            assertThat(rejected("status-streams", "open_per_client")).isEqualTo(rejectedBefore + 1);

            one.close();
            awaitOpenStreams(1);

            try (SseRecording again = stream(watcher, first)) {
                assertThat(again.statusCode()).isEqualTo(200);
            }
        } finally {
            one.close();
        }
        awaitOpenStreams(0);
    }

    @Test
    void allClientsTogetherHoldAtMostTheTotalCapAndAStreamThatEndsGivesItsPlaceBack() throws Exception {
        awaitOpenStreams(0);
        String many = newClient();
        String one = newClient();
        String late = newClient();
        String first = id(book(many));
        String second = id(book(many));
        String third = id(book(one));
        String lates = id(book(late));
        double rejectedBefore = rejected("status-streams", "open_total");

        try (SseRecording a = stream(many, first);
                SseRecording b = stream(many, second);
                SseRecording c = stream(one, third)) {
            assertThat(a.statusCode()).isEqualTo(200);
            assertThat(b.statusCode()).isEqualTo(200);
            assertThat(c.statusCode()).isEqualTo(200);

            try (SseRecording refused = stream(late, lates)) {
                await().atMost(PATIENCE).until(refused::ended);
                assertThat(refused.statusCode()).isEqualTo(429);
                assertThat(refused.body()).contains("as many status streams open as it can");
            }
            assertThat(rejected("status-streams", "open_total")).isEqualTo(rejectedBefore + 1);

            // The booking's final status ends its stream, and the stream's place is free again.
            from(one).when().post("/bookings/" + third + "/cancel").then().statusCode(202);
            await().atMost(PATIENCE).until(c::ended);
            awaitOpenStreams(2);

            try (SseRecording admitted = stream(late, lates)) {
                assertThat(admitted.statusCode()).isEqualTo(200);
            }
        }
        awaitOpenStreams(0);
    }

    /**
     * The RateLimit field of {@code policy} with {@code remaining} tokens, the next one due in {@code interval}
     * seconds less what passed since the client's first request (up to a minute on a busy machine).
     */
    private static String field(String policy, int remaining, int interval) {
        return Pattern.quote("\"" + policy + "\";r=" + remaining + ";t=") + seconds(interval);
    }

    private static String seconds(int atMost) {
        return IntStream.rangeClosed(atMost - 60, atMost).mapToObj(Integer::toString)
                .collect(Collectors.joining("|", "(", ")"));
    }

    private Response book(String client) {
        return from(client).contentType(ContentType.JSON).body(Bookings.valid(UUID.randomUUID().toString()))
                .when().post("/bookings");
    }

    private static String id(Response booked) {
        return booked.then().statusCode(202).extract().path("id");
    }

    private SseRecording stream(String client, String bookingId) throws Exception {
        return SseRecording.open(vertx, LocalTokens.customer(client, CORPORATE),
                URI.create(bookings + "/" + bookingId + "/status-stream"));
    }

    /** A request as customer {@code client}, a traveller of the corporate account the sample bookings name. */
    private static RequestSpecification from(String client) {
        return Customers.as(client, CORPORATE);
    }

    private static String newClient() {
        return "client-" + UUID.randomUUID();
    }

    private double rejected(String policy, String reason) {
        Counter counter = registry.find("flights.rate-limits.rejected").tags("policy", policy, "reason", reason)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private void awaitOpenStreams(int count) {
        await().atMost(PATIENCE).until(() -> {
            Gauge open = registry.find("flights.rate-limits.open-streams").gauge();
            return (open == null ? 0 : open.value()) == count;
        });
    }
}
