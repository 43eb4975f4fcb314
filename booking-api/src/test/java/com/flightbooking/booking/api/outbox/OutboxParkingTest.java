package com.flightbooking.booking.api.outbox;

import static com.flightbooking.booking.api.Customers.asCustomer;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.flightbooking.events.EventEnvelope;
import com.flightbooking.events.testing.CapturedLogs;
import com.flightbooking.events.testing.Prometheus;
import com.flightbooking.events.testing.Sql;
import com.flightbooking.kit.outbox.Outbox;
import com.flightbooking.localinfra.LocalTokens;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * An event SNS keeps refusing (too large) is parked after {@code park-after} refusals: no longer retried, counted,
 * logged without its body, listed for role ops and retried at an operator's request.
 */
@QuarkusTest
@TestProfile(SnsBehindAProxy.class)
class OutboxParkingTest {

    @Inject
    Pool pool;
    @Inject
    Outbox outbox;

    private final String subject = "parking-" + UUID.randomUUID();

    @AfterEach
    void deleteWhatSnsRefuses() {
        Sql.execute(pool, "DELETE FROM outbox WHERE subject = $1", subject);
    }

    @Test
    void parksAnEventAfterTwoRefusalsCountsItAndListsItForOpsWithoutItsBody() {
        try (CapturedLogs logs = CapturedLogs.start()) {
            EventEnvelope refused = append(OutboxEvents.oversizedResponseEvent(subject));

            awaitParked(refused, 2);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> Prometheus.scrape().sum("flights_outbox_parked") >= 1);
            // Parked: the sweep no longer claims it.
            long attempts = attempts(refused);
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                    .until(() -> attempts(refused) == attempts);
            assertThat(logs.lines()).anyMatch(line -> line.message().contains("Outbox event " + refused.id() + " ("
                    + refused.type().ceType() + ") parked after SNS refused it 2 times"));

            JsonPath page = asOps().when().get("/admin/outbox/parked").then().statusCode(200).extract().jsonPath();
            Map<String, Object> listed = page.getMap("events.find { it.eventId == '" + refused.id() + "' }");
            assertThat(listed).containsEntry("eventType", refused.type().ceType()).containsEntry("subject", subject)
                    .containsEntry("refusals", 2).containsKeys("parkedAt", "lastError", "attempts")
                    .doesNotContainKeys("body");
            assertThat(page.prettify()).doesNotContain("\"route\"");
        }
    }

    @Test
    void anOperatorRetriesOneParkedEventAndTheRelayTriesItAgain() {
        EventEnvelope refused = append(OutboxEvents.oversizedResponseEvent(subject));
        awaitParked(refused, 2);
        long attempts = attempts(refused);

        asOps().when().post("/admin/outbox/parked/" + refused.id() + "/retry").then().statusCode(200)
                .body("retried", equalTo(1));

        // Tried twice more, and parked again: SNS still refuses it.
        await().atMost(Duration.ofSeconds(15)).until(() -> attempts(refused) >= attempts + 2
                && Sql.count(pool, "SELECT count(*) FROM outbox WHERE event_id = $1 AND parked_at IS NOT NULL",
                        refused.id()) == 1);
        asOps().when().post("/admin/outbox/parked/" + UUID.randomUUID() + "/retry").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void anOperatorRetriesEveryParkedEvent() {
        List<EventEnvelope> refused = IntStream.range(0, 3)
                .mapToObj(i -> append(OutboxEvents.oversizedResponseEvent(subject))).toList();
        refused.forEach(event -> awaitParked(event, 2));

        int retried = asOps().when().post("/admin/outbox/parked/retry").then().statusCode(200).extract()
                .path("retried");

        assertThat(retried).isGreaterThanOrEqualTo(3);
        await().atMost(Duration.ofSeconds(5)).until(() -> Sql.count(pool,
                "SELECT count(*) FROM outbox WHERE subject = $1 AND attempts > 2", subject) == 3);
    }

    @Test
    void listsParkedEventsAPageAtATime() {
        List<EventEnvelope> refused = IntStream.range(0, 3)
                .mapToObj(i -> append(OutboxEvents.oversizedResponseEvent(subject))).toList();
        refused.forEach(event -> awaitParked(event, 2));

        List<String> listed = new ArrayList<>();
        Long after = 0L;
        int pages = 0;
        while (after != null) {
            JsonPath page = asOps().queryParam("after", after).queryParam("limit", 2).when()
                    .get("/admin/outbox/parked").then().statusCode(200).extract().jsonPath();
            assertThat(page.getList("events")).hasSizeLessThanOrEqualTo(2);
            listed.addAll(page.getList("events.findAll { it.subject == '" + subject + "' }.eventId"));
            after = page.getObject("next", Long.class);
            pages++;
        }
        assertThat(pages).isGreaterThanOrEqualTo(2);
        assertThat(listed).containsExactlyElementsOf(refused.stream().map(e -> e.id().toString()).toList());
    }

    @Test
    void isForRoleOpsOnly() {
        asCustomer().when().get("/admin/outbox/parked").then().statusCode(403);
        asCustomer().when().post("/admin/outbox/parked/retry").then().statusCode(403);
        given().when().get("/admin/outbox/parked").then().statusCode(401);
        asOps().queryParam("limit", 0).when().get("/admin/outbox/parked").then().statusCode(400)
                .body("errors[0].field", equalTo("limit"));
    }

    private EventEnvelope append(EventEnvelope event) {
        pool.withTransaction(connection -> outbox.append(connection, List.of(event)))
                .await().atMost(Duration.ofSeconds(10));
        return event;
    }

    private void awaitParked(EventEnvelope event, int refusals) {
        await().atMost(Duration.ofSeconds(20)).until(() -> Sql.count(pool, """
                SELECT count(*) FROM outbox WHERE event_id = $1 AND parked_at IS NOT NULL AND refusals = $2
                AND last_error LIKE '%Message too long%'""", event.id(), refusals) == 1);
    }

    private long attempts(EventEnvelope event) {
        return Sql.count(pool, "SELECT attempts FROM outbox WHERE event_id = $1", event.id());
    }

    private static RequestSpecification asOps() {
        return given().auth().oauth2(LocalTokens.ops());
    }
}
