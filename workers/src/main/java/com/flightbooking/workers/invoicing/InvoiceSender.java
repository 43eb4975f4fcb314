package com.flightbooking.workers.invoicing;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;

/**
 * Emails invoices. Each email is sent inside the transaction that records it on the locked invoice row, as the
 * notification role does: a failed send is retried later, a recorded one is not repeated unless asked for. Only a
 * crash between the mail server's acceptance and the commit sends it twice, with the same Message-ID.
 */
@ApplicationScoped
public class InvoiceSender {

    public enum Sent {
        SENT,
        /** Emailed before, or being emailed by another replica right now. */
        SKIPPED,
        /** The account has no billing address yet. */
        NO_ADDRESS,
        NOT_FOUND
    }

    private final InvoiceRepository invoices;
    private final CorporateAccountRepository accounts;
    private final InvoiceEmails emails;
    private final ReactiveMailer mailer;
    private final Clock clock;

    InvoiceSender(InvoiceRepository invoices, CorporateAccountRepository accounts, InvoiceEmails emails,
            ReactiveMailer mailer, Clock clock) {
        this.invoices = invoices;
        this.accounts = accounts;
        this.emails = emails;
        this.mailer = mailer;
        this.clock = clock;
    }

    /** Emails the invoice if it never was; an invoice another replica holds is left to it. */
    @WithTransaction
    public Uni<Sent> sendIfDue(UUID invoiceId) {
        return invoices.lockUnlessLocked(invoiceId)
                .chain(invoice -> invoice == null || invoice.emailedAt != null ? Uni.createFrom().item(Sent.SKIPPED)
                        : send(invoice));
    }

    /** Emails the invoice again (or for the first time), on purpose. */
    @WithTransaction
    public Uni<Sent> sendAgain(UUID invoiceId) {
        return invoices.lock(invoiceId)
                .chain(invoice -> invoice == null ? Uni.createFrom().item(Sent.NOT_FOUND) : send(invoice));
    }

    private Uni<Sent> send(Invoice invoice) {
        return accounts.findById(invoice.corporateAccountId).chain(account -> {
            if (account == null || account.billingEmail == null) {
                return Uni.createFrom().item(Sent.NO_ADDRESS);
            }
            return invoices.linesOf(invoice.id)
                    .chain(lines -> invoices.totalsOf(List.of(invoice.id))
                            .map(totals -> emails.compose(invoice, account, lines, totals, invoice.emailsSent + 1)))
                    .chain(mail -> mailer.send(mail).invoke(() -> recordSent(invoice, account, mail)))
                    .replaceWith(Sent.SENT);
        });
    }

    private void recordSent(Invoice invoice, CorporateAccount account, Mail mail) {
        invoice.emailsSent++;
        invoice.emailedTo = account.billingEmail;
        if (invoice.emailedAt == null) {
            invoice.emailedAt = clock.instant();
        }
        Log.infof("Emailed invoice %s of %s for %s..%s (email %d, %s)", invoice.id, invoice.corporateAccountId,
                invoice.periodStart, invoice.periodEnd, invoice.emailsSent, mail.getHeaders().get("Message-ID").get(0));
    }
}
