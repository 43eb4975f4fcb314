package com.flightbooking.workers.invoicing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.flightbooking.workers.invoicing.InvoiceQueryService.IssuedInvoice;
import com.flightbooking.workers.invoicing.InvoiceSender.Sent;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Which invoices to email and when: those due, in batches, each in its own transaction ({@link InvoiceSender}); and
 * one again when ops ask for it.
 */
@ApplicationScoped
public class InvoiceDeliveryService {

    private static final int EMAIL_BATCH = 50;

    private final InvoiceSender sender;
    private final InvoiceRepository invoices;
    private final InvoiceQueryService queries;
    private volatile String lastWaiting = "";

    InvoiceDeliveryService(InvoiceSender sender, InvoiceRepository invoices, InvoiceQueryService queries) {
        this.sender = sender;
        this.invoices = invoices;
        this.queries = queries;
    }

    /** Emails the invoices not emailed yet whose account has a billing address: of one account, or all (null). */
    public Uni<Integer> sendPending(String corporateAccountId) {
        return sendBatch(corporateAccountId, 0)
                .call(sent -> corporateAccountId == null ? logWaiting() : Uni.createFrom().voidItem());
    }

    /** Emails the invoice again, on purpose; the invoice as it is then. */
    public Uni<IssuedInvoice> resend(UUID invoiceId) {
        return sender.sendAgain(invoiceId).chain(sent -> switch (sent) {
            case NOT_FOUND -> throw InvoicingProblem.notFound("No invoice " + invoiceId);
            case NO_ADDRESS -> queries.find(invoiceId).map(found -> {
                String account = found.orElseThrow().invoice().corporateAccountId;
                throw InvoicingProblem.conflict("Account " + account + " has no billing address yet: set one with"
                        + " PUT /admin/accounts/" + account + " (its invoices are emailed then)");
            });
            default -> queries.find(invoiceId).map(Optional::orElseThrow);
        });
    }

    private Uni<Integer> sendBatch(String corporateAccountId, int sentBefore) {
        return invoices.unsentWithAddress(corporateAccountId, EMAIL_BATCH).chain(ids -> {
            List<Sent> outcomes = new ArrayList<>();
            Uni<Void> sending = Uni.createFrom().voidItem();
            for (UUID id : ids) {
                sending = sending.chain(() -> sender.sendIfDue(id)
                        .onFailure().recoverWithItem(failure -> {
                            // The type only: a mail server's answer often names the recipient's address.
                            Log.warnf("Emailing invoice %s failed, the next run tries again: %s", id,
                                    failure.getClass().getName());
                            return null;
                        })
                        .invoke(outcomes::add)
                        .replaceWithVoid());
            }
            return sending.chain(() -> {
                int sent = (int) outcomes.stream().filter(o -> o == Sent.SENT).count();
                // A full batch with progress may have more behind it; one without progress would only repeat.
                return ids.size() == EMAIL_BATCH && sent > 0 ? sendBatch(corporateAccountId, sentBefore + sent)
                        : Uni.createFrom().item(sentBefore + sent);
            });
        });
    }

    /** Says which accounts' invoices wait for a billing address, whenever that changes. */
    private Uni<Void> logWaiting() {
        return invoices.waitingForAddress().invoke(rows -> {
            String waiting = rows.stream().map(row -> row[0] + " (" + row[1] + ")").collect(Collectors.joining(", "));
            if (!waiting.equals(lastWaiting)) {
                lastWaiting = waiting;
                if (!waiting.isEmpty()) {
                    Log.infof("Invoices issued but not emailed, waiting for a billing address (PUT"
                            + " /admin/accounts/{id}): %s", waiting);
                }
            }
        }).replaceWithVoid();
    }
}
