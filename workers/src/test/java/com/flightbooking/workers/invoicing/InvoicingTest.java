package com.flightbooking.workers.invoicing;

import static com.flightbooking.workers.Operators.asOps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.flightbooking.events.BookingDetails;
import com.flightbooking.events.EventEnvelope;
import com.flightbooking.events.EventType;
import com.flightbooking.events.InvoiceIssued;
import com.flightbooking.events.Money;
import com.flightbooking.events.PaymentCharged;
import com.flightbooking.events.PaymentRefunded;
import com.flightbooking.events.testing.MovableClock;
import com.flightbooking.events.testing.SampleEvents;
import com.flightbooking.events.testing.Sql;
import com.flightbooking.workers.Topic;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;

/** Issuing invoices: what a period bills, once, in order, however many runs there are. */
@QuarkusTest
class InvoicingTest {

    private static final Duration SOON = Duration.ofSeconds(20);

    @Inject
    Billing billing;
    @Inject
    BillingRunService billingRuns;
    @Inject
    MovableClock clock;
    @Inject
    Topic topic;
    @Inject
    Pool pool;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aPeriodBillsEachAccountItsChargesLessRefundsPerCurrencyWithTheLinesBehindThem() {
        BillingPeriod period = billing.freshPeriod();
        String account = Billing.uniqueAccount();
        String other = Billing.uniqueAccount();
        Instant day2 = period.startsAt().plus(Duration.ofDays(1));
        UUID refunded = UUID.randomUUID();
        BookingDetails refundedBooking = booking(account, "400.00", "EUR");
        topic.publish(charged(refunded, refundedBooking, day2));
        topic.publish(charged(UUID.randomUUID(), booking(account, "250.50", "EUR"), day2.plusSeconds(3600)));
        topic.publish(refunded(refunded, refundedBooking, day2.plus(Duration.ofDays(2))));
        topic.publish(charged(UUID.randomUUID(), booking(account, "120.00", "GBP"), day2.plus(Duration.ofDays(3))));
        topic.publish(charged(UUID.randomUUID(), booking(other, "99.00", "EUR"), day2));
        // The first moment of the next period belongs to the next invoice.
        topic.publish(charged(UUID.randomUUID(), booking(account, "1.00", "EUR"), period.endsAt()));
        await().atMost(SOON).until(() -> Sql.count(pool,
                "SELECT count(*) FROM ledger_entry WHERE corporate_account_id IN ($1, $2)", account, other) == 6);
        Topic.Spy spy = topic.spy();

        billing.close(period);
        billing.runByHand(period.start()).then().statusCode(200);

        JsonPath invoice = billing.onlyInvoiceOf(account);
        UUID invoiceId = UUID.fromString(invoice.getString("id"));
        assertThat(invoice.getString("periodStart")).isEqualTo(period.start().toString());
        assertThat(invoice.getString("periodEnd")).isEqualTo(period.end().toString());
        assertThat(invoice.getList("totals.currency")).containsExactly("EUR", "GBP");
        assertThat(Billing.amounts(invoice, "totals.amount")).containsExactly("250.50", "120.00");
        assertThat(invoice.getList("lines.kind")).containsExactly("CHARGE", "CHARGE", "REFUND", "CHARGE");
        assertThat(Billing.amounts(invoice, "lines.amount")).containsExactly("400.00", "250.50", "-400.00", "120.00");
        assertThat(invoice.getList("lines.bookingId")).contains(refunded.toString());
        assertThat(Billing.amounts(billing.onlyInvoiceOf(other), "totals.amount")).containsExactly("99.00");

        InvoiceIssued issued = await().atMost(SOON).until(() -> spy.of(invoiceId, EventType.INVOICE_ISSUED),
                list -> !list.isEmpty()).get(0).data(InvoiceIssued.class);
        assertThat(issued.corporateAccountId()).isEqualTo(account);
        assertThat(issued.periodStart()).isEqualTo(period.start());
        assertThat(issued.periodEnd()).isEqualTo(period.end());
        assertThat(issued.lineCount()).isEqualTo(4);
        assertThat(issued.totals()).extracting(Money::currency).containsExactly("EUR", "GBP");
        assertThat(issued.totals()).extracting(m -> m.amount().toPlainString()).containsExactly("250.50", "120.00");
    }

    @Test
    void repeatedAndConcurrentRunsIssueOneInvoicePerAccountAndPeriod() throws Exception {
        BillingPeriod period = billing.freshPeriod();
        String account = Billing.uniqueAccount();
        billing.ledgerEntry(account, "CHARGE", "310.00", "EUR", period.startsAt().plusSeconds(60));
        billing.close(period);

        // As replicas would: the schedule's run twice at once, and runs by hand at the same time.
        ExecutorService replicas = Executors.newFixedThreadPool(4);
        try {
            List<CompletableFuture<?>> runs = List.of(
                    CompletableFuture.runAsync(this::scheduledRun, replicas),
                    CompletableFuture.runAsync(this::scheduledRun, replicas),
                    CompletableFuture.runAsync(() -> billing.runByHand(period.start()).then().statusCode(200),
                            replicas),
                    CompletableFuture.runAsync(() -> billing.runByHand(period.start()).then().statusCode(200),
                            replicas));
            CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).get();
        } finally {
            replicas.shutdown();
        }
        Map<String, Object> again = billing.runByHand(period.start()).then().statusCode(200).extract().jsonPath()
                .getMap("$");
        scheduledRun();

        assertThat(again).containsEntry("outcome", "DONE").containsEntry("periodStart", period.start().toString());
        assertThat(billing.invoiceCount(account)).isEqualTo(1);
        UUID invoiceId = UUID.fromString((String) billing.invoicesOf(account).get(0).get("id"));
        assertThat(Sql.count(pool, "SELECT count(*) FROM outbox WHERE subject = $1 AND event_type = $2",
                invoiceId.toString(), EventType.INVOICE_ISSUED.ceType())).isEqualTo(1);
        assertThat(Sql.count(pool, "SELECT count(*) FROM invoice_line l JOIN invoice i ON i.id = l.invoice_id"
                + " WHERE i.corporate_account_id = $1", account)).isEqualTo(1);
        assertThat(asOps().queryParam("periodStart", period.start().toString()).when().get("/admin/invoices")
                .then().statusCode(200).extract().jsonPath().getList("corporateAccountId")).containsOnlyOnce(account);
    }

    @Test
    void periodsThatEndedWhileNothingRanAreIssuedOldestFirstByTheSchedule() {
        BillingPeriod first = billing.freshPeriod();
        BillingPeriod second = billing.next(first);
        String account = Billing.uniqueAccount();
        billing.ledgerEntry(account, "CHARGE", "10.00", "EUR", first.startsAt().plus(Duration.ofDays(3)));
        billing.ledgerEntry(account, "CHARGE", "20.00", "EUR", second.startsAt().plus(Duration.ofDays(5)));

        // Both periods end before anything looks: the schedule's next run catches up, without a run by hand.
        billing.close(second);

        await().atMost(SOON).until(() -> billing.completed(second));
        List<Map<String, Object>> invoices = billing.invoicesOf(account);
        assertThat(invoices).extracting(i -> i.get("periodStart"))
                .containsExactly(second.start().toString(), first.start().toString());
        assertThat(invoices).extracting(i -> ((List<?>) i.get("totals")).size()).containsExactly(1, 1);
        assertThat(Sql.count(pool, """
                SELECT count(*) FROM invoice a JOIN invoice b ON a.corporate_account_id = b.corporate_account_id
                WHERE a.corporate_account_id = $1 AND a.period_start < b.period_start AND a.issued_at <= b.issued_at""",
                account)).isEqualTo(1);
    }

    @Test
    void anAccountWithoutMovementsInAPeriodGetsNoInvoice() {
        BillingPeriod period = billing.freshPeriod();
        String quiet = Billing.uniqueAccount();
        String busy = Billing.uniqueAccount();
        billing.setBillingAddress(quiet, "Quiet Ltd", "billing-" + UUID.randomUUID() + "@example.com");
        // Its movements are in the next period, not in this one.
        billing.ledgerEntry(quiet, "CHARGE", "50.00", "EUR", period.endsAt().plus(Duration.ofDays(1)));
        billing.ledgerEntry(busy, "CHARGE", "75.00", "EUR", period.startsAt().plusSeconds(1));
        billing.close(period);

        billing.runByHand(period.start()).then().statusCode(200);

        assertThat(billing.invoicesOf(busy)).hasSize(1);
        assertThat(billing.invoicesOf(quiet)).isEmpty();
    }

    @Test
    void aMovementRecordedAfterItsPeriodWasIssuedIsBilledOnTheAccountsNextInvoice() {
        BillingPeriod period = billing.freshPeriod();
        BillingPeriod next = billing.next(period);
        String account = Billing.uniqueAccount();
        billing.ledgerEntry(account, "CHARGE", "100.00", "EUR", period.startsAt().plusSeconds(10));
        billing.close(period);
        billing.runByHand(period.start()).then().statusCode(200);
        // A ledger event that was delayed (or redriven from the DLQ) after the period was issued.
        long late = billing.ledgerEntry(account, "CHARGE", "30.00", "EUR", period.endsAt().minusSeconds(1));

        billing.close(next);
        billing.runByHand(next.start()).then().statusCode(200);

        List<Map<String, Object>> invoices = billing.invoicesOf(account);
        assertThat(invoices).extracting(i -> i.get("periodStart"))
                .containsExactly(next.start().toString(), period.start().toString());
        JsonPath nextInvoice = billing.invoice(UUID.fromString((String) invoices.get(0).get("id")));
        assertThat(nextInvoice.getList("lines.ledgerEntryId", Long.class)).containsExactly(late);
        assertThat(Billing.amounts(nextInvoice, "totals.amount")).containsExactly("30.00");
        JsonPath first = billing.invoice(UUID.fromString((String) invoices.get(1).get("id")));
        assertThat(Billing.amounts(first, "totals.amount")).containsExactly("100.00");
    }

    @Test
    void aRunByHandRefusesAPeriodThatHasNotEndedOrADayThatStartsNoPeriod() {
        BillingPeriod open = billing.freshPeriod();

        billing.runByHand(open.start()).then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", is(400))
                .body("detail", containsString("has not ended"));
        billing.runByHand(open.start().plusDays(1)).then().statusCode(400)
                .body("detail", containsString("is not the start of a billing period"));
        asOps().when().post("/admin/invoices/run").then().statusCode(400);
        asOps().queryParam("periodStart", "next tuesday").when().post("/admin/invoices/run").then().statusCode(400)
                .body("errors.field", hasItem("periodStart"))
                .body("errors.message", hasItem(containsString("YYYY-MM-DD")));
        asOps().when().get("/admin/invoices").then().statusCode(400).contentType("application/problem+json");
        assertThat(billing.completed(open)).isFalse();
    }

    private void scheduledRun() {
        try {
            VertxContextSupport.subscribeAndAwait(() -> billingRuns.catchUp());
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static BookingDetails booking(String account, String amount, String currency) {
        return SampleEvents.details("grace-" + UUID.randomUUID() + "@example.com", "BA117", account, amount, currency);
    }

    private static EventEnvelope charged(UUID bookingId, BookingDetails booking, Instant at) {
        return EventEnvelope.of(new PaymentCharged(bookingId, booking, "ch_" + bookingId), "/tests", at,
                "test-" + UUID.randomUUID(), null);
    }

    private static EventEnvelope refunded(UUID bookingId, BookingDetails booking, Instant at) {
        return EventEnvelope.of(new PaymentRefunded(bookingId, booking, "ch_" + bookingId, "re_" + bookingId,
                PaymentRefunded.Reason.BOOKING_CANCELLED, "booking cancelled"), "/tests", at,
                "test-" + UUID.randomUUID(), null);
    }
}
