package com.flightbooking.workers.invoicing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.flightbooking.workers.ledger.LedgerEntry;

import io.quarkus.mailer.Mail;
import io.quarkus.test.junit.QuarkusTest;

/** The invoice email rendered from its templates, text and HTML. */
@QuarkusTest
class InvoiceEmailsTest {

    @Inject
    InvoiceEmails emails;

    private final Invoice invoice = invoice();
    private final CorporateAccount account = account();

    @Test
    void theEmailListsEveryLineAndTheTotalPerCurrencyForTheLastDayOfThePeriodInclusive() {
        Mail mail = emails.compose(invoice, account, List.of(
                line(1, LedgerEntry.Kind.CHARGE, "499.90", "EUR", "2026-11-24T09:30:00Z"),
                line(2, LedgerEntry.Kind.REFUND, "-99.90", "EUR", "2026-11-25T10:00:00Z"),
                line(3, LedgerEntry.Kind.CHARGE, "120.00", "GBP", "2026-12-06T23:59:00Z")),
                List.of(total("EUR", "400.00"), total("GBP", "120.00")), 1);

        assertThat(mail.getTo()).containsExactly("billing@acme.example");
        assertThat(mail.getSubject())
                .isEqualTo("Invoice for ACME Corp, 23 Nov 2026 to 6 Dec 2026: 400.00 EUR, 120.00 GBP");
        assertThat(mail.getText()).contains("Dear ACME Corp,", invoice.id.toString(), "ACME-001")
                .containsPattern("2026-11-24 09:30 +\\S+ +CHARGE +499.90 EUR")
                .containsPattern("2026-11-25 10:00 +\\S+ +REFUND +-99.90 EUR")
                .containsPattern("Total EUR +400.00 EUR")
                .containsPattern("Total GBP +120.00 GBP");
        assertThat(mail.getHtml()).contains("<p>Dear ACME Corp,</p>", invoice.id.toString(), "ACME-001",
                "23 Nov 2026 to 6 Dec 2026", "<td style=\"text-align: right;\">-99.90 EUR</td>",
                "Total GBP</th><td style=\"text-align: right;\"><strong>120.00 GBP</strong>");
        assertThat(mail.getHeaders().get("Message-ID"))
                .containsExactly("<invoice-" + invoice.id + "@flightbooking.example>");
    }

    @Test
    void theAccountNameIsEscapedInHtml() {
        account.name = "Evil <script>alert(1)</script> Corp";

        Mail mail = emails.compose(invoice, account, List.of(), List.of(total("EUR", "0.00")), 1);

        assertThat(mail.getText()).startsWith("Dear Evil <script>alert(1)</script> Corp,");
        assertThat(mail.getHtml()).contains("Dear Evil &lt;script&gt;alert(1)&lt;/script&gt; Corp,")
                .doesNotContain("<script>");
    }

    @Test
    void eachEmailAskedForHasItsOwnMessageIdAndTheSameOneWhenRepeated() {
        Mail third = emails.compose(invoice, account, List.of(), List.of(), 3);

        assertThat(third.getHeaders().get("Message-ID"))
                .containsExactly("<invoice-" + invoice.id + "-3@flightbooking.example>");
        assertThat(emails.compose(invoice, account, List.of(), List.of(), 3).getHeaders().get("Message-ID"))
                .isEqualTo(third.getHeaders().get("Message-ID"));
    }

    private static Invoice invoice() {
        Invoice invoice = new Invoice();
        invoice.id = UUID.randomUUID();
        invoice.corporateAccountId = "ACME-001";
        invoice.periodStart = LocalDate.parse("2026-11-23");
        invoice.periodEnd = LocalDate.parse("2026-12-07");
        invoice.issuedAt = Instant.parse("2026-12-07T00:05:00Z");
        return invoice;
    }

    private static CorporateAccount account() {
        CorporateAccount account = new CorporateAccount();
        account.id = "ACME-001";
        account.name = "ACME Corp";
        account.billingEmail = "billing@acme.example";
        return account;
    }

    private InvoiceLine line(long id, LedgerEntry.Kind kind, String amount, String currency, String at) {
        InvoiceLine line = new InvoiceLine();
        line.ledgerEntryId = id;
        line.invoiceId = invoice.id;
        line.bookingId = UUID.randomUUID();
        line.kind = kind;
        line.amount = new BigDecimal(amount);
        line.currency = currency;
        line.occurredAt = Instant.parse(at);
        return line;
    }

    private InvoiceTotal total(String currency, String amount) {
        InvoiceTotal total = new InvoiceTotal();
        total.invoiceId = invoice.id;
        total.currency = currency;
        total.amount = new BigDecimal(amount);
        return total;
    }
}
