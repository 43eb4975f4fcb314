package com.flightbooking.workers.invoicing;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.flightbooking.workers.mail.EmailOutbox;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.quarkus.mailer.Mail;
import io.smallrye.mutiny.Uni;

/**
 * Emails invoices: the transaction that records the email on the locked invoice row also queues it in the email
 * outbox ({@link EmailOutbox}), which sends it after the commit, outside any transaction (and retries it there). A
 * recorded email is not queued again unless asked for; each one asked for has its own Message-ID.
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
    private final EmailOutbox outbox;
    private final Clock clock;

    InvoiceSender(InvoiceRepository invoices, CorporateAccountRepository accounts, InvoiceEmails emails,
            EmailOutbox outbox, Clock clock) {
        this.invoices = invoices;
        this.accounts = accounts;
        this.emails = emails;
        this.outbox = outbox;
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
                    .chain(mail -> outbox.queue(mail).invoke(() -> recordSent(invoice, account, mail)))
                    .replaceWith(Sent.SENT);
        });
    }

    private void recordSent(Invoice invoice, CorporateAccount account, Mail mail) {
        invoice.emailsSent++;
        invoice.emailedTo = account.billingEmail;
        if (invoice.emailedAt == null) {
            invoice.emailedAt = clock.instant();
        }
        Log.infof("Queued the email of invoice %s of %s for %s..%s (email %d, %s)", invoice.id, invoice.corporateAccountId,
                invoice.periodStart, invoice.periodEnd, invoice.emailsSent, mail.getHeaders().get("Message-ID").get(0));
    }
}
