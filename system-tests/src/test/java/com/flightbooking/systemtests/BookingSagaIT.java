package com.flightbooking.systemtests;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.flightbooking.events.testing.Bookings.Offer;
import com.flightbooking.localinfra.LocalInfrastructure;
import com.flightbooking.localinfra.Mailbox;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.restassured.path.json.JsonPath;

/**
 * The booking saga end to end, as a customer and ops see it: both packaged apps, real PostgreSQL, the SNS/SQS
 * emulator, WireMock partners and GreenMail. Each test works on bookings of its own (unique email, token or flight),
 * and removes the fault-injection stubs it added.
 */
@ExtendWith(SharedSystem.class)
class BookingSagaIT {

    private static final String CHARGES = "/payment-processor/v1/charges";
    private static final Duration SAGA = Duration.ofSeconds(30);

    private static RunningSystem system;
    private final List<StubMapping> faults = new ArrayList<>();

    @BeforeAll
    static void useTheSharedSystem(RunningSystem shared) {
        system = shared;
    }

    @AfterEach
    void removeFaults() {
        faults.forEach(stub -> system.partners().removeStubMapping(stub));
    }

    @Test
    void aBookingIsChargedTicketedRecordedAndConfirmedByEmail() {
        String email = email();
        Offer offer = system.offer("FRA", "JFK", "LH400");
        String id = system.book(email, offer, "tok_visa_4242");

        await().atMost(SAGA).until(() -> system.status(id), "CONFIRMED"::equals);

        JsonPath booking = system.booking(id);
        String locator = id.substring(0, 6).toUpperCase();
        assertThat(booking.getString("recordLocator")).isEqualTo(locator);
        // The ledger and the fulfiller both act on the charge, in either order.
        await().atMost(SAGA).until(() -> system.workersCount(
                "SELECT count(*) FROM ledger_entry WHERE kind = 'CHARGE' AND booking_id = ?::uuid", id) == 1);
        // What the ledger and the processor saw is the offer's price, which the client never stated.
        assertThat(system.ledgerBalance(id)).isEqualTo(offer.amount().toPlainString());
        assertThat(chargesOf(id)).singleElement().satisfies(charge -> assertThat(charge.getBodyAsString())
                .contains("\"amount\":" + offer.amount().toPlainString(), "\"currency\":\"EUR\""));
        await().atMost(SAGA).until(() -> system.mailbox().of(email), list -> !list.isEmpty());
        system.awaitQuiescence();
        assertThat(system.partnerEffects().charges(id)).isEqualTo(1);
        assertThat(system.partnerEffects().reservations(id)).isEqualTo(1);
        assertThat(system.mailbox().of(email)).singleElement().satisfies(mail -> {
            assertThat(mail.subject()).contains("confirmed", locator);
            assertThat(mail.body()).contains("LH400", offer.amount().toPlainString() + " EUR");
        });
    }

    @Test
    void aConfirmedBookingsTimelineListsEveryStepInTheOrderItHappened() {
        Offer offer = system.offer("FRA", "JFK", "LH400");
        String id = system.book(email(), offer, "tok_visa_4242");
        await().atMost(SAGA).until(() -> system.status(id), "CONFIRMED"::equals);

        // The ledger and the fulfiller both act on the charge, in either order; everything else follows a cause.
        List<String> steps = await().atMost(SAGA).until(() -> system.timeline(id).getList("steps.step", String.class),
                list -> list.containsAll(List.of("requested", "published", "charged", "recorded", "fulfilled",
                        "status changed", "emailed")));

        assertThat(steps.indexOf("requested")).isLessThan(steps.indexOf("published"));
        assertThat(steps.indexOf("published")).isLessThan(steps.indexOf("charged"));
        assertThat(steps.indexOf("charged")).isLessThan(steps.indexOf("recorded"))
                .isLessThan(steps.indexOf("fulfilled"));
        assertThat(steps.indexOf("fulfilled")).isLessThan(steps.indexOf("status changed"));
        assertThat(steps.indexOf("status changed")).isLessThan(steps.indexOf("emailed"));
        JsonPath timeline = system.timeline(id);
        assertThat(timeline.getString("status")).isEqualTo("CONFIRMED");
        String price = offer.amount().toPlainString() + " EUR";
        assertThat(timeline.getList("steps.outcome", String.class)).contains("charged " + price, "CHARGE " + price,
                "record locator " + id.substring(0, 6).toUpperCase(), "CONFIRMED",
                "email sent: confirmation");
        assertThat(timeline.getList("steps.service", String.class)).contains("/booking-api", "/workers/payment",
                "/workers/ledger", "/workers/fulfilment", "/workers/notification");
    }

    @Test
    void aDeclinedPaymentEndsTheBookingWithoutLedgerEntryAndTellsTheCustomer() {
        String email = email();
        String id = system.book(email, system.offer("FRA", "JFK", "LH400"), "tok_declined_card");

        await().atMost(SAGA).until(() -> system.status(id), "PAYMENT_DECLINED"::equals);

        assertThat(system.booking(id).getString("statusReason")).contains("declined");
        List<Mailbox.Email> emails = await().atMost(SAGA).until(() -> system.mailbox().of(email), list -> !list.isEmpty());
        assertThat(emails).singleElement().satisfies(mail -> assertThat(mail.body()).contains("declined"));
        assertThat(system.workersCount("SELECT count(*) FROM ledger_entry WHERE booking_id = ?::uuid", id)).isZero();
    }

    @Test
    void aSeatThatCannotBeBookedIsRefundedSoTheLedgerNetsToZero() {
        String email = email();
        String id = system.book(email, system.offer("FRA", "PMI", "ZZ999"), "tok_visa_4242");

        await().atMost(SAGA).until(() -> system.status(id), "FAILED_REFUNDED"::equals);

        assertThat(system.booking(id).getString("statusReason")).contains("No seats left");
        // The ledger records the refund from the same event that ends the booking, so possibly a moment later.
        await().atMost(SAGA).until(() -> system.workersCount(
                "SELECT count(*) FROM ledger_entry WHERE booking_id = ?::uuid", id) == 2);
        assertThat(system.ledgerBalance(id)).isEqualTo("0.00");
        List<Mailbox.Email> emails = await().atMost(SAGA).until(() -> system.mailbox().of(email), list -> !list.isEmpty());
        assertThat(emails).singleElement().satisfies(mail -> assertThat(mail.body()).contains("refunded", "No seats left"));
    }

    @Test
    void aProcessorFailingTwiceIsRetriedWithTheSameKeyAndTheBookingStillConfirms() {
        String token = token("flaky");
        String scenario = "flaky " + token;
        faults.add(system.partners().register(post(urlPathEqualTo(CHARGES)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.token", equalTo(token)))
                .inScenario(scenario).whenScenarioStateIs(Scenario.STARTED).willSetStateTo("failed once")
                .willReturn(aResponse().withStatus(503))));
        faults.add(system.partners().register(post(urlPathEqualTo(CHARGES)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.token", equalTo(token)))
                .inScenario(scenario).whenScenarioStateIs("failed once").willSetStateTo("failed twice")
                .willReturn(aResponse().withStatus(503))));

        Offer offer = system.offer("FRA", "JFK", "LH400");
        String id = system.book(email(), offer, token);

        await().atMost(SAGA).until(() -> system.status(id), "CONFIRMED"::equals);
        List<LoggedRequest> charges = chargesOf(id);
        assertThat(charges).hasSize(3);
        assertThat(charges).extracting(r -> r.getHeader("Idempotency-Key")).containsOnly("booking-" + id + "-charge");
        system.awaitQuiescence();
        assertThat(system.partnerEffects().charges(id)).isEqualTo(1);
        assertThat(system.ledgerBalance(id)).isEqualTo(offer.amount().toPlainString());
    }

    @Test
    void aPaymentWorkerKilledMidChargeChargesOnceAfterItsRestart() {
        String email = email();
        String token = token("slow");
        chargeSlowly(token, 3_000);
        Offer offer = system.offer("FRA", "JFK", "LH400");
        String id = system.book(email, offer, token);
        await().atMost(SAGA).until(() -> system.workersCount(
                "SELECT count(*) FROM payment WHERE status = 'CHARGING' AND booking_id = ?::uuid", id) == 1);

        system.killWorkers();
        system.startWorkers();

        await().atMost(Duration.ofSeconds(60)).until(() -> system.status(id), "CONFIRMED"::equals);
        system.awaitQuiescence();
        // Both workers' processes may have asked for the charge; the processor charged once, and the rest once.
        assertThat(system.partnerEffects().charges(id)).isEqualTo(1);
        assertThat(system.partnerEffects().reservations(id)).isEqualTo(1);
        assertThat(system.workersCount("SELECT count(*) FROM ledger_entry WHERE booking_id = ?::uuid", id)).isEqualTo(1);
        assertThat(system.ledgerBalance(id)).isEqualTo(offer.amount().toPlainString());
        assertThat(system.workersCount("SELECT count(*) FROM sent_email WHERE booking_id = ?::uuid", id)).isEqualTo(1);
        await().atMost(SAGA).until(() -> system.emailsWaiting() == 0);
        assertThat(system.mailbox().of(email)).hasSize(1);
    }

    @Test
    void aBookingCancelledWhileBeingChargedIsRefundedAndNeverConfirmed() {
        String email = email();
        String token = token("slow");
        chargeSlowly(token, 2_000);
        String id = system.book(email, system.offer("FRA", "JFK", "LH400"), token);
        await().atMost(SAGA).until(() -> system.workersCount(
                "SELECT count(*) FROM payment WHERE status = 'CHARGING' AND booking_id = ?::uuid", id) == 1);

        system.asCustomer().when().post("/bookings/" + id + "/cancel")
                .then().statusCode(202).body("status", org.hamcrest.Matchers.equalTo("CANCELLED"));

        // The charge lands after the cancellation: it is refunded, and its PaymentCharged resurrects nothing.
        await().atMost(SAGA).until(() -> system.workersCount(
                "SELECT count(*) FROM ledger_entry WHERE kind = 'REFUND' AND booking_id = ?::uuid", id) == 1);
        assertThat(system.ledgerBalance(id)).isEqualTo("0.00");
        await().atMost(SAGA).until(() -> system.workersCount(
                "SELECT count(*) FROM reservation WHERE status = 'CANCELLED' AND booking_id = ?::uuid", id) == 1);
        assertThat(system.status(id)).isEqualTo("CANCELLED");
        await().atMost(SAGA).until(() -> system.mailbox().of(email), list -> !list.isEmpty());
        system.awaitQuiescence();
        assertThat(system.partnerEffects().charges(id)).isEqualTo(1);
        assertThat(system.partnerEffects().refunds(id)).isEqualTo(1);
        // Whether or not the fulfiller reserved a seat before the cancellation arrived, no seat stays held.
        assertThat(system.partnerEffects().cancellations(id.substring(0, 6).toUpperCase()))
                .isEqualTo(system.partnerEffects().reservations(id));
        assertThat(system.mailbox().of(email)).singleElement()
                .satisfies(mail -> assertThat(mail.subject()).contains("cancelled"));
        assertThat(system.workersCount(
                "SELECT count(*) FROM sent_email WHERE outcome = 'CONFIRMED' AND booking_id = ?::uuid", id)).isZero();
    }

    @Test
    void twoHundredBookingsInParallelAllEndAndTheLedgerMatchesTheProcessor() throws Exception {
        int count = 200;
        Map<String, String> expected = new java.util.concurrent.ConcurrentHashMap<>();
        Map<String, String> emailOf = new java.util.concurrent.ConcurrentHashMap<>();
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> posts = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                posts.add(clients.submit(() -> {
                    String email = email();
                    String id;
                    if (n % 10 == 0) {
                        id = system.book(email, system.offer("FRA", "JFK", "LH400"), "tok_declined_card");
                        expected.put(id, "PAYMENT_DECLINED");
                    } else if (n % 10 == 1) {
                        id = system.book(email, system.offer("FRA", "PMI", "ZZ999"), "tok_visa_4242");
                        expected.put(id, "FAILED_REFUNDED");
                    } else {
                        id = system.book(email, system.offer("LHR", "JFK", n % 2 == 0 ? "BA117" : "VS3"),
                                "tok_visa_4242");
                        expected.put(id, "CONFIRMED");
                    }
                    emailOf.put(id, email);
                }));
            }
            for (Future<?> post : posts) {
                post.get();
            }
        } finally {
            clients.shutdownNow();
        }
        assertThat(expected).hasSize(count);

        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1))
                .until(() -> expected.keySet().stream().allMatch(id -> !system.status(id).equals("PENDING")));

        expected.forEach((id, status) -> assertThat(system.status(id)).as("booking %s", id).isEqualTo(status));
        Set<String> ids = expected.keySet();
        assertThat(ledgerSum(ids)).isEqualByComparingTo(system.partnerEffects().net(ids));
        // Decided (sent_email) and handed to the mail server (the email outbox sends after the decision commits).
        await().atMost(SAGA).until(() -> sentEmails(ids) == count && system.emailsWaiting() == 0);
        // What the customers got, counted at the mail server: one email per booking, none sent twice.
        emailOf.forEach((id, email) -> assertThat(system.mailbox().of(email)).as("emails of booking %s", id)
                .hasSize(1));
    }

    /** The processor takes {@code millis} to charge this token, then succeeds as usual. */
    private void chargeSlowly(String token, int millis) {
        faults.add(system.partners().register(post(urlPathEqualTo(CHARGES)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.token", equalTo(token)))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":\"ch_{{jsonPath request.body '$.reference'}}\",\"status\":\"succeeded\"}")
                        .withTransformers("response-template")
                        .withFixedDelay(millis))));
    }

    private List<LoggedRequest> chargesOf(String bookingId) {
        return system.partners().find(postRequestedFor(urlPathEqualTo(CHARGES))
                .withRequestBody(matchingJsonPath("$.reference", equalTo(bookingId))));
    }

    private static BigDecimal ledgerSum(Set<String> ids) throws SQLException {
        try (Connection connection = system.connect(LocalInfrastructure.WORKERS_DATABASE);
                PreparedStatement query = connection.prepareStatement(
                        "SELECT coalesce(sum(amount), 0) FROM ledger_entry WHERE booking_id = ANY (?)")) {
            query.setArray(1, uuids(connection, ids));
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getBigDecimal(1);
            }
        }
    }

    private static long sentEmails(Set<String> ids) throws SQLException {
        try (Connection connection = system.connect(LocalInfrastructure.WORKERS_DATABASE);
                PreparedStatement query = connection.prepareStatement(
                        "SELECT count(*) FROM sent_email WHERE booking_id = ANY (?)")) {
            query.setArray(1, uuids(connection, ids));
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    private static Array uuids(Connection connection, Set<String> ids) throws SQLException {
        return connection.createArrayOf("uuid", ids.stream().map(UUID::fromString).toArray());
    }

    /** A token unique to one test, of letters only: long digit runs would look like a card number and be refused. */
    private static String token(String kind) {
        String letters = UUID.randomUUID().toString().replace("-", "").chars()
                .map(c -> Character.isDigit(c) ? 'g' + (c - '0') : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return "tok_" + kind + "_" + letters;
    }

    private static String email() {
        return "ada-" + UUID.randomUUID() + "@example.com";
    }
}
