package com.flightbooking.workers.invoicing;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.flightbooking.workers.mail.TemplatedMail;

import io.quarkus.mailer.Mail;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;

/** The email that carries an invoice to the account's billing address: every line and the totals, text and HTML. */
@ApplicationScoped
public class InvoiceEmails {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter LINE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneOffset.UTC);

    /** One invoice line as the email shows it. */
    @TemplateData
    public record Row(String date, UUID bookingId, String kind, String amount) {
    }

    /** The invoice's total in one currency. */
    @TemplateData
    public record Total(String currency, String amount) {
    }

    /** {@code templates/InvoiceEmails/invoice.txt} and {@code .html}. */
    @CheckedTemplate
    static class Templates {
        static native TemplateInstance invoice(String accountName, String accountId, UUID invoiceId, String period,
                List<Row> rows, List<Total> totals);
    }

    /**
     * @param sending which email about this invoice this is (1 for the first); each has its own Message-ID, so a
     *        resend asked for is shown as a new email while a send repeated after a crash is shown once
     */
    public Mail compose(Invoice invoice, CorporateAccount account, List<InvoiceLine> lines, List<InvoiceTotal> totals,
            int sending) {
        String period = DAY.format(invoice.periodStart) + " to " + DAY.format(invoice.periodEnd.minusDays(1));
        String totalText = totals.stream().map(t -> t.amount.toPlainString() + " " + t.currency)
                .collect(Collectors.joining(", "));
        String subject = "Invoice for " + account.name + ", " + period + ": " + totalText;
        List<Row> rows = lines.stream().map(line -> new Row(LINE_TIME.format(line.occurredAt), line.bookingId,
                line.kind.name(), line.amount.toPlainString() + " " + line.currency)).toList();
        List<Total> totalRows = totals.stream()
                .map(total -> new Total(total.currency, total.amount.toPlainString() + " " + total.currency)).toList();
        String messageId = sending == 1 ? "<invoice-" + invoice.id + "@flightbooking.example>"
                : "<invoice-" + invoice.id + "-" + sending + "@flightbooking.example>";
        return TemplatedMail.of(account.billingEmail, subject,
                Templates.invoice(account.name, invoice.corporateAccountId, invoice.id, period, rows, totalRows))
                .addHeader("Message-ID", messageId);
    }
}
