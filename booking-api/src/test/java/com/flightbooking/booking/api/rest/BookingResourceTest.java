package com.flightbooking.booking.api.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.flightbooking.events.testing.Bookings;
import com.flightbooking.events.testing.Sql;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;

@QuarkusTest
class BookingResourceTest {

    @Inject
    Pool pool;

    @Test
    void writesTheBookingAndItsEventTogether() {
        String id = given().contentType(ContentType.JSON).body(Bookings.valid(UUID.randomUUID().toString()))
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

        String first = given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .when().post("/bookings").then().statusCode(202).extract().path("id");
        Response again = given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .when().post("/bookings").then().statusCode(202).extract().response();

        assertThat(again.<String> path("id")).isEqualTo(first);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(Sql.count(pool, "SELECT count(*) FROM booking WHERE idempotency_key = $1", key)).isEqualTo(1);
        assertThat(Sql.count(pool, "SELECT count(*) FROM outbox WHERE subject = $1", first)).isEqualTo(1);
    }

    @Test
    void concurrentRetriesWithOneKeyCreateOneBooking() {
        String key = UUID.randomUUID().toString();
        String body = Bookings.valid(key);

        List<String> ids = IntStream.range(0, 6)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> given().contentType(ContentType.JSON)
                        .header("Idempotency-Key", key).body(body)
                        .when().post("/bookings").then().statusCode(202).extract().<String> path("id")))
                .toList().stream().map(CompletableFuture::join).toList();

        assertThat(ids).hasSize(6).containsOnly(ids.get(0));
        assertThat(Sql.count(pool, "SELECT count(*) FROM booking WHERE idempotency_key = $1", key)).isEqualTo(1);
        assertThat(Sql.count(pool, "SELECT count(*) FROM outbox WHERE subject = $1", ids.get(0))).isEqualTo(1);
    }

    @Test
    void theSameIdempotencyKeyWithAnotherBodyIsRefused() {
        String key = UUID.randomUUID().toString();
        given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(Bookings.valid(key))
                .when().post("/bookings").then().statusCode(202);

        given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(Bookings.valid(key + "-changed"))
                .when().post("/bookings")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("status", equalTo(422))
                .body("detail", equalTo("Idempotency-Key '" + key + "' was already used with a different request"));

        assertThat(Sql.count(pool, "SELECT count(*) FROM booking WHERE idempotency_key = $1", key)).isEqualTo(1);
        assertThat(Sql.count(pool, "SELECT count(*) FROM booking WHERE passenger_name = $1", "Ada " + key + "-changed"))
                .isZero();
    }
}
