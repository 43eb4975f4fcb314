package com.flightbooking.booking.api.rest;

import static com.flightbooking.booking.api.Customers.asCustomer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.flightbooking.events.testing.Bookings;
import com.flightbooking.events.testing.Bookings.Offer;
import com.flightbooking.events.testing.CapturedLogs;
import com.flightbooking.events.testing.Sql;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;

@QuarkusTest
class BookingResourceTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);
    /** Requests blocked on the test's lock of a table ($1), at a statement that starts with $2. */
    private static final String WAITING = """
            SELECT count(*) FROM pg_locks l
            JOIN pg_class c ON c.oid = l.relation JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE c.relname = $1 AND NOT l.granted AND lower(a.query) LIKE $2 || ' %'""";

    // POST /bookings writes the booking, takes its offer and appends its event in one statement.
    private static final String BOOKING_STATEMENT = "with taken as";

    @Inject
    Pool pool;

    private CapturedLogs logs;

    @BeforeEach
    void captureLogs() {
        logs = CapturedLogs.start();
    }

    @AfterEach
    void stopCapturingLogs() {
        logs.close();
    }

    @Test
    void writesTheBookingAndItsEventTogether() {
        String id = asCustomer().contentType(ContentType.JSON).body(Bookings.valid(UUID.randomUUID().toString()))
                .when().post("/bookings")
                .then().statusCode(202).extract().path("id");

        assertThat(Sql.count(pool, "SELECT count(*) FROM booking WHERE id = $1", UUID.fromString(id))).isEqualTo(1);
        assertThat(Sql.count(pool, "SELECT count(*) FROM outbox WHERE subject = $1 AND event_type = $2", id,
                "com.flightbooking.booking.requested.v1")).isEqualTo(1);
    }

    @Test
    void theSameIdempotencyKeyAndBodyReturnTheFirstBookingWithoutASecondEvent() {
        String key = UUID.randomUUID().toString();
        String body = Bookings.valid(key);

        String first = asCustomer().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .when().post("/bookings").then().statusCode(202).extract().path("id");
        Response again = asCustomer().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .when().post("/bookings").then().statusCode(202).extract().response();

        assertThat(again.<String> path("id")).isEqualTo(first);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(Sql.count(pool, "SELECT count(*) FROM booking WHERE idempotency_key = $1", key)).isEqualTo(1);
        assertThat(Sql.count(pool, "SELECT count(*) FROM outbox WHERE subject = $1", first)).isEqualTo(1);
    }

    @Test
    void concurrentRetriesWithOneKeyCreateOneBooking() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = Bookings.valid(key);

        List<Response> responses = postAllAtOnce(key, List.of(body, body, body, body));

        List<String> ids = responses.stream().map(response -> {
            assertThat(response.statusCode()).isEqualTo(202);
            return response.<String> path("id");
        }).toList();
        assertThat(ids).hasSize(4).containsOnly(ids.get(0));
        assertThat(responses).filteredOn(response -> "true".equals(response.header("Idempotent-Replayed")))
                .hasSize(3);
        assertThat(Sql.count(pool, "SELECT count(*) FROM booking WHERE idempotency_key = $1", key)).isEqualTo(1);
        assertThat(Sql.count(pool, "SELECT count(*) FROM outbox WHERE subject = $1", ids.get(0))).isEqualTo(1);
    }

    @Test
    void concurrentRequestsWithOneKeyAndDifferentBodiesCreateOneBookingAndRefuseTheOther() throws Exception {
        String key = UUID.randomUUID().toString();

        List<Response> responses = postAllAtOnce(key, List.of(Bookings.valid(key), Bookings.valid(key + "-changed")));

        assertThat(responses).extracting(Response::statusCode).containsExactlyInAnyOrder(202, 422);
        Response refused = responses.stream().filter(response -> response.statusCode() == 422).findFirst()
                .orElseThrow();
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.<String> path("detail"))
                .isEqualTo("Idempotency-Key '" + key + "' was already used with a different request");
        String id = responses.stream().filter(response -> response.statusCode() == 202).findFirst().orElseThrow()
                .path("id");
        assertThat(Sql.count(pool, "SELECT count(*) FROM booking WHERE idempotency_key = $1", key)).isEqualTo(1);
        assertThat(Sql.count(pool, "SELECT count(*) FROM outbox WHERE subject = $1", id)).isEqualTo(1);
        assertThat(recoveries(id)).isEqualTo(1);
    }

    @Test
    void theSameIdempotencyKeyWithAnotherBodyIsRefused() {
        String key = UUID.randomUUID().toString();
        asCustomer().contentType(ContentType.JSON).header("Idempotency-Key", key).body(Bookings.valid(key))
                .when().post("/bookings").then().statusCode(202);

        asCustomer().contentType(ContentType.JSON).header("Idempotency-Key", key).body(Bookings.valid(key + "-changed"))
                .when().post("/bookings")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("status", equalTo(422))
                .body("detail", equalTo("Idempotency-Key '" + key + "' was already used with a different request"));

        assertThat(Sql.count(pool, "SELECT count(*) FROM booking WHERE idempotency_key = $1", key)).isEqualTo(1);
        assertThat(Sql.count(pool, "SELECT count(*) FROM booking WHERE passenger_name = $1", "Ada " + key + "-changed"))
                .isZero();
    }

    @Test
    void aBookingGetsTheOffersFlightAndPriceAndUsesTheOffer() {
        Offer offer = Bookings.offer(asCustomer(), "LHR", "JFK", "BA117");
        String marker = UUID.randomUUID().toString();

        String id = asCustomer().contentType(ContentType.JSON).body(book(offer, marker))
                .when().post("/bookings")
                .then().statusCode(202)
                .body("flight.number", equalTo("BA117"))
                .body("flight.origin", equalTo("LHR"))
                .body("fare.amount", equalTo(offer.amount().floatValue()))
                .body("fare.currency", equalTo("GBP"))
                .extract().path("id");

        assertThat(Sql.count(pool, "SELECT count(*) FROM booking WHERE id = $1 AND flight_number = 'BA117'"
                + " AND fare_amount = $2 AND fare_currency = 'GBP'", UUID.fromString(id), offer.amount())).isEqualTo(1);
        assertThat(Sql.count(pool, "SELECT count(*) FROM offer WHERE id = $1 AND used_by = $2",
                UUID.fromString(offer.id()), UUID.fromString(id))).isEqualTo(1);
    }

    @Test
    void anOfferTheApiNeverHandedOutIsRefusedWith422() {
        String marker = UUID.randomUUID().toString();
        String unknown = UUID.randomUUID().toString();

        asCustomer().contentType(ContentType.JSON)
                .body(Bookings.body(unknown, "Ada " + marker, "ada@example.com", "tok_visa_4242"))
                .when().post("/bookings")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://flightbooking.dev/problems/offer-unknown"));

        assertThat(bookingsOf(marker)).isZero();
    }

    @Test
    void anExpiredOfferIsRefusedWith409() {
        Offer offer = Bookings.offer(asCustomer(), "FRA", "JFK", "LH400");
        Sql.execute(pool, "UPDATE offer SET expires_at = now() - interval '1 second' WHERE id = $1",
                UUID.fromString(offer.id()));
        String marker = UUID.randomUUID().toString();

        asCustomer().contentType(ContentType.JSON).body(book(offer, marker))
                .when().post("/bookings")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://flightbooking.dev/problems/offer-expired"));

        assertThat(bookingsOf(marker)).isZero();
        assertThat(Sql.count(pool, "SELECT count(*) FROM offer WHERE id = $1 AND used_by IS NULL",
                UUID.fromString(offer.id()))).isEqualTo(1);
    }

    @Test
    void anOfferBooksOnceAndAnotherBookingOfItIsRefusedWith409() {
        Offer offer = Bookings.offer(asCustomer(), "FRA", "JFK", "LH400");
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        asCustomer().contentType(ContentType.JSON).body(book(offer, first)).when().post("/bookings").then().statusCode(202);

        asCustomer().contentType(ContentType.JSON).body(book(offer, second))
                .when().post("/bookings")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://flightbooking.dev/problems/offer-used"));

        assertThat(bookingsOf(first)).isEqualTo(1);
        assertThat(bookingsOf(second)).isZero();
    }

    /**
     * Both bookings find the offer free; the test holds them at their write, then lets them race: the conditional
     * update gives the offer to one, and the other's statement writes nothing.
     */
    @Test
    void twoBookingsRacingForOneOfferGetOneBookingAndOne409() throws Exception {
        Offer offer = Bookings.offer(asCustomer(), "FRA", "JFK", "LH400");
        String one = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();

        List<Response> responses = raceAt("offer", BOOKING_STATEMENT, null, List.of(book(offer, one), book(offer, other)));

        assertThat(responses).extracting(Response::statusCode).containsExactlyInAnyOrder(202, 409);
        String winner = responses.stream().filter(response -> response.statusCode() == 202).findFirst().orElseThrow()
                .path("id");
        assertThat(bookingsOf(one) + bookingsOf(other)).isEqualTo(1);
        assertThat(Sql.count(pool, "SELECT count(*) FROM offer WHERE id = $1 AND used_by = $2",
                UUID.fromString(offer.id()), UUID.fromString(winner))).isEqualTo(1);
        assertThat(Sql.count(pool, "SELECT count(*) FROM outbox WHERE body LIKE $1 OR body LIKE $2",
                "%Ada " + one + "%", "%Ada " + other + "%")).isEqualTo(1);
    }

    private static String book(Offer offer, String marker) {
        return Bookings.body(offer.id(), "Ada " + marker, "ada@example.com", "tok_visa_4242");
    }

    private long bookingsOf(String marker) {
        return Sql.count(pool, "SELECT count(*) FROM booking WHERE passenger_name = $1", "Ada " + marker);
    }

    /**
     * Posts every body with the key at once and makes them race for the write: the table is locked against writes
     * (reads still pass) until every request has read its offer, found it free and waits to write. Requests for one
     * offer then wait on its row, find it taken and answer from the key; requests for different offers meet the
     * unique key and must take the concurrent-request path.
     */
    private List<Response> postAllAtOnce(String key, List<String> bodies) throws Exception {
        return raceAt("booking", BOOKING_STATEMENT, key, bodies);
    }

    /**
     * Posts every body at once (with the key, if any), holding each request at its first statement starting with
     * {@code statement} on {@code table}, locked against writes, until all of them wait there.
     */
    private List<Response> raceAt(String table, String statement, String key, List<String> bodies) throws Exception {
        CyclicBarrier start = new CyclicBarrier(bodies.size());
        ExecutorService clients = Executors.newFixedThreadPool(bodies.size());
        SqlConnection lock = pool.getConnection().await().atMost(PATIENCE);
        Transaction transaction = lock.begin().await().atMost(PATIENCE);
        try {
            lock.query("LOCK TABLE " + table + " IN SHARE MODE").execute().await().atMost(PATIENCE);
            List<Future<Response>> posts = new ArrayList<>();
            for (String body : bodies) {
                posts.add(clients.submit(() -> {
                    start.await();
                    var request = asCustomer().contentType(ContentType.JSON).body(body);
                    if (key != null) {
                        request.header("Idempotency-Key", key);
                    }
                    return request.when().post("/bookings").then().extract().response();
                }));
            }
            await().atMost(PATIENCE).until(() -> Sql.count(pool, WAITING, table, statement) == bodies.size());
            transaction.rollback().await().atMost(PATIENCE);
            List<Response> responses = new ArrayList<>();
            for (Future<Response> post : posts) {
                responses.add(post.get(PATIENCE.toSeconds(), TimeUnit.SECONDS));
            }
            return responses;
        } finally {
            lock.close().await().atMost(PATIENCE);
            clients.shutdownNow();
        }
    }

    /** How often the request that lost the race answered from the winner's booking. */
    private long recoveries(String bookingId) {
        return logs.lines().stream().filter(line -> line.message()
                .equals("Booking " + bookingId + " was created by a concurrent request with the same Idempotency-Key"))
                .count();
    }
}
