package com.flightbooking.workers.invoicing;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.mailer.Mail;

/** The email that carries an invoice to the account's billing address: plain text, every line and the totals. */
@ApplicationScoped
public class InvoiceEmails {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter LINE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneOffset.UTC);

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
        StringBuilder table = new StringBuilder();
        table.append("%-17s  %-36s  %-6s  %15s%n".formatted("Date (UTC)", "Booking", "Kind", "Amount"));
        for (InvoiceLine line : lines) {
            table.append("%-17s  %-36s  %-6s  %15s%n".formatted(LINE_TIME.format(line.occurredAt), line.bookingId,
                    line.kind, line.amount.toPlainString() + " " + line.currency));
        }
        StringBuilder totalLines = new StringBuilder();
        for (InvoiceTotal total : totals) {
            totalLines.append("%-63s  %15s%n".formatted("Total " + total.currency,
                    total.amount.toPlainString() + " " + total.currency));
        }
        String text = """
                Dear %s,

                here is your invoice for %s (UTC): what your bookings were charged, less refunds.

                Invoice:  %s
                Account:  %s
                Period:   %s

                %s
                %s
                Flight Booking
                """.formatted(account.name, period, invoice.id, invoice.corporateAccountId, period, table,
                totalLines);
        String messageId = sending == 1 ? "<invoice-" + invoice.id + "@flightbooking.example>"
                : "<invoice-" + invoice.id + "-" + sending + "@flightbooking.example>";
        return Mail.withText(account.billingEmail, subject, text).addHeader("Message-ID", messageId);
    }
}
