package com.flightbooking.workers.invoicing;

import static com.flightbooking.workers.Operators.asOps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.flightbooking.events.EventType;
import com.flightbooking.events.testing.MovableClock;
import com.flightbooking.localinfra.Mailbox;
import com.flightbooking.workers.Partners;
import com.flightbooking.workers.Topic;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Invoices reach the account's billing address (GreenMail, read over POP3), once unless asked again. */
@QuarkusTest
class InvoiceEmailTest {

    private static final Duration SOON = Duration.ofSeconds(20);

    @Inject
    Billing billing;
    @Inject
    Partners partners;
    @Inject
    MovableClock clock;
    @Inject
    Topic topic;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void theInvoiceIsEmailedToTheBillingAddressOnceWithItsLinesAndTotals() {
        BillingPeriod period = billing.freshPeriod();
        String account = Billing.uniqueAccount();
        String address = "billing-" + UUID.randomUUID() + "@example.com";
        billing.setBillingAddress(account, "Initech Travel", address);
        long charge = billing.ledgerEntry(account, "CHARGE", "499.90", "EUR", period.startsAt().plusSeconds(3600));
        billing.ledgerEntry(account, "REFUND", "-99.90", "EUR", period.startsAt().plus(Duration.ofDays(2)));
        billing.ledgerEntry(account, "CHARGE", "120.00", "GBP", period.startsAt().plus(Duration.ofDays(3)));

        billing.close(period);
        billing.runByHand(period.start()).then().statusCode(200);

        Mailbox.Email email = await().atMost(SOON).until(() -> partners.emailsTo(address), list -> !list.isEmpty())
                .get(0);
        JsonPath invoice = billing.onlyInvoiceOf(account);
        String invoiceId = invoice.getString("id");
        assertThat(email.subject()).contains("Invoice for Initech Travel", "400.00 EUR", "120.00 GBP");
        assertThat(email.body()).contains("Dear Initech Travel", invoiceId, account, "499.90 EUR", "-99.90 EUR",
                "120.00 GBP", "Total EUR", "400.00 EUR", "Total GBP");
        assertThat(email.messageId()).isEqualTo("<invoice-" + invoiceId + "@flightbooking.example>");
        assertThat(invoice.getString("emailedAt")).isNotNull();
        assertThat(invoice.getString("emailedTo")).isEqualTo(address);
        assertThat(invoice.getList("lines.ledgerEntryId", Long.class)).contains(charge);

        // A run by hand sends what is due before it answers: had it been due again, it would have been sent now.
        billing.runByHand(period.start()).then().statusCode(200).body("outcome", is("DONE"));
        assertThat(partners.emailsTo(address)).hasSize(1);
        assertThat(billing.onlyInvoiceOf(account).getInt("emailsSent")).isEqualTo(1);
    }

    @Test
    void aResendEmailsTheInvoiceAgainAsANewEmail() {
        BillingPeriod period = billing.freshPeriod();
        String account = Billing.uniqueAccount();
        String address = "billing-" + UUID.randomUUID() + "@example.com";
        billing.setBillingAddress(account, "Globex", address);
        billing.ledgerEntry(account, "CHARGE", "80.00", "USD", period.startsAt().plusSeconds(60));
        billing.close(period);
        billing.runByHand(period.start()).then().statusCode(200);
        await().atMost(SOON).until(() -> partners.emailsTo(address).size() == 1);
        String invoiceId = billing.onlyInvoiceOf(account).getString("id");

        asOps().when().post("/admin/invoices/" + invoiceId + "/resend").then().statusCode(200)
                .body("emailsSent", is(2)).body("emailedTo", is(address));

        List<Mailbox.Email> emails = await().atMost(SOON).until(() -> partners.emailsTo(address),
                list -> list.size() == 2);
        assertThat(emails.get(1).subject()).isEqualTo(emails.get(0).subject());
        assertThat(emails.get(1).messageId()).isEqualTo("<invoice-" + invoiceId + "-2@flightbooking.example>");
        asOps().when().post("/admin/invoices/" + UUID.randomUUID() + "/resend").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void anInvoiceOfAnAccountWithoutBillingAddressIsPublishedAndEmailedOnceAnAddressIsSet() {
        BillingPeriod period = billing.freshPeriod();
        String account = Billing.uniqueAccount();
        billing.ledgerEntry(account, "CHARGE", "42.00", "EUR", period.startsAt().plusSeconds(60));
        Topic.Spy spy = topic.spy();
        billing.close(period);
        billing.runByHand(period.start()).then().statusCode(200);

        JsonPath invoice = billing.onlyInvoiceOf(account);
        UUID invoiceId = UUID.fromString(invoice.getString("id"));
        assertThat(invoice.getString("emailedAt")).isNull();
        await().atMost(SOON).until(() -> spy.of(invoiceId, EventType.INVOICE_ISSUED), list -> list.size() == 1);
        asOps().when().post("/admin/invoices/" + invoiceId + "/resend").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("no billing address"));
        asOps().when().get("/admin/accounts/" + account).then().statusCode(404);

        String address = "billing-" + UUID.randomUUID() + "@example.com";
        asOps().contentType(ContentType.JSON).body("{\"name\":\"Umbrella\",\"billingEmail\":\"" + address + "\"}")
                .when().put("/admin/accounts/" + account).then().statusCode(200)
                .body("id", is(account)).body("billingEmail", is(address));

        Mailbox.Email email = await().atMost(SOON).until(() -> partners.emailsTo(address), list -> !list.isEmpty())
                .get(0);
        assertThat(email.body()).contains("Dear Umbrella", invoiceId.toString(), "42.00 EUR");
        assertThat(billing.invoice(invoiceId).getString("emailedTo")).isEqualTo(address);
        asOps().when().get("/admin/accounts/" + account).then().statusCode(200).body("name", is("Umbrella"));
        asOps().contentType(ContentType.JSON).body("{\"name\":\"Umbrella\",\"billingEmail\":\"not an address\"}")
                .when().put("/admin/accounts/" + account).then().statusCode(400);
    }
}
