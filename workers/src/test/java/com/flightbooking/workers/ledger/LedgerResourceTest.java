package com.flightbooking.workers.ledger;

import static com.flightbooking.workers.Operators.asOps;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.flightbooking.events.BookingDetails;
import com.flightbooking.events.PaymentRefunded;
import com.flightbooking.events.testing.SampleEvents;
import com.flightbooking.workers.Topic;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class LedgerResourceTest {

    @Inject
    Topic topic;

    @Test
    void showsABookingsMoneyMovementsInOrderAndAnAccountsLatest() {
        UUID bookingId = UUID.randomUUID();
        String account = "ACME-" + UUID.randomUUID();
        BookingDetails booking = SampleEvents.details("ledger@example.com", "BA117", account, "80.00", "EUR");
        topic.publish(SampleEvents.paymentChargedEvent(bookingId, booking));
        await().atMost(Duration.ofSeconds(10)).until(() -> asOps().queryParam("bookingId", bookingId.toString())
                .when().get("/ledger/entries").then().statusCode(200).extract().jsonPath().getList("$").size() == 1);
        topic.publish(SampleEvents.paymentRefundedEvent(bookingId, booking, PaymentRefunded.Reason.BOOKING_CANCELLED));

        await().atMost(Duration.ofSeconds(10)).until(() -> asOps().queryParam("bookingId", bookingId.toString())
                .when().get("/ledger/entries").then().extract().jsonPath().getList("$").size() == 2);
        asOps().queryParam("bookingId", bookingId.toString()).when().get("/ledger/entries").then()
                .body("kind", contains("CHARGE", "REFUND"))
                .body("amount", contains(80.00f, -80.00f))
                .body("processorReference", contains("ch_" + bookingId, "re_" + bookingId));
        asOps().queryParam("account", account).when().get("/ledger/entries").then()
                .body("size()", equalTo(2))
                .body("corporateAccountId", everyItem(equalTo(account)));
    }

    @Test
    void asksForAFilter() {
        asOps().when().get("/ledger/entries").then().statusCode(400).body(containsString("bookingId"));
    }
}
