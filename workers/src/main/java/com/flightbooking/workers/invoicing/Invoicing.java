package com.flightbooking.workers.invoicing;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.flightbooking.workers.invoicing.InvoiceIssuer.Outcome;
import com.flightbooking.workers.invoicing.InvoiceIssuer.PeriodResult;
import com.flightbooking.workers.invoicing.InvoiceSender.Sent;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Billing runs: which periods are due and in what order, and the emails still to send. Periods are issued oldest
 * first and each only after every earlier one (from the first period) is complete, so a period missed while nothing
 * ran is caught up before the next, and the carrying over of late ledger entries ({@link InvoiceIssuer}) never takes
 * from a period not yet issued.
 */
@ApplicationScoped
public class Invoicing {

    private static final int EMAIL_BATCH = 50;
    private static final String UPSERT_ACCOUNT = """
            INSERT INTO corporate_account (id, name, billing_email, created_at, updated_at)
            VALUES (:id, :name, :billingEmail, :now, :now)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, billing_email = excluded.billing_email,
                                           updated_at = excluded.updated_at""";

    /** An invoice with its totals, and its lines when asked for. */
    public record IssuedInvoice(Invoice invoice, List<InvoiceTotal> totals, List<InvoiceLine> lines) {
    }

    /** A run by hand: the period asked for, and the earlier periods it had to issue first. */
    public record HandRun(PeriodResult period, List<PeriodResult> caughtUp) {
    }

    private final BillingCalendar calendar;
    private final InvoiceIssuer issuer;
    private final InvoiceSender sender;
    private final InvoiceRepository invoices;
    private final InvoicePeriodRepository periods;
    private final CorporateAccountRepository accounts;
    private final Clock clock;
    private volatile String lastWaiting = "";

    Invoicing(BillingCalendar calendar, InvoiceIssuer issuer, InvoiceSender sender, InvoiceRepository invoices,
            InvoicePeriodRepository periods, CorporateAccountRepository accounts, Clock clock) {
        this.calendar = calendar;
        this.issuer = issuer;
        this.sender = sender;
        this.invoices = invoices;
        this.periods = periods;
        this.accounts = accounts;
        this.clock = clock;
    }

    /**
     * The scheduled run: issues every ended period not issued yet, oldest first. Stops at a period another replica is
     * issuing (it will go on from there); a failure stops the run, and the next one tries again.
     */
    public Uni<List<PeriodResult>> catchUp() {
        BillingPeriod current = calendar.containing(clock.instant());
        return pendingBefore(current).chain(periods -> issueInOrder(periods, false));
    }

    /**
     * Issues the period now, with any earlier period not issued yet, unless that was done before (then it answers
     * what was issued). Waits for a replica that is issuing one of them.
     */
    public Uni<HandRun> runByHand(LocalDate periodStart) {
        BillingPeriod period = calendar.startingOn(periodStart).orElseThrow(() -> InvoicingProblem.badRequest(
                periodStart + " is not the start of a billing period: it falls in billing period "
                        + calendar.containing(periodStart) + ", which starts on "
                        + calendar.containing(periodStart).start()));
        Instant now = clock.instant();
        if (!period.closedAt(now)) {
            throw InvoicingProblem.badRequest("Billing period " + period + " has not ended yet: it ends at "
                    + period.endsAt() + " and can be invoiced from then on");
        }
        Optional<BillingPeriod> first = calendar.firstPeriod();
        if (first.isPresent() && period.start().isBefore(first.get().start())) {
            throw InvoicingProblem.badRequest("Billing period " + period + " is before the first invoiced period, "
                    + first.get() + " (flights.invoicing.first-period)");
        }
        return pendingBefore(period)
                .chain(earlier -> issueInOrder(earlier, true))
                .chain(caughtUp -> issuer.issue(period, billedFrom(), true)
                        .map(result -> new HandRun(result, caughtUp)));
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
            case NO_ADDRESS -> find(invoiceId).map(found -> {
                String account = found.orElseThrow().invoice().corporateAccountId;
                throw InvoicingProblem.conflict("Account " + account + " has no billing address yet: set one with"
                        + " PUT /admin/accounts/" + account + " (its invoices are emailed then)");
            });
            default -> find(invoiceId).map(Optional::orElseThrow);
        });
    }

    @WithSession
    public Uni<Optional<IssuedInvoice>> find(UUID invoiceId) {
        return invoices.findById(invoiceId).chain(invoice -> invoice == null ? Uni.createFrom().item(Optional.empty())
                : invoices.totalsOf(List.of(invoiceId)).chain(totals -> invoices.linesOf(invoiceId)
                        .map(lines -> Optional.of(new IssuedInvoice(invoice, totals, lines)))));
    }

    /** Invoices of an account (latest first), or of a period, or of the account in the period; without lines. */
    @WithSession
    public Uni<List<IssuedInvoice>> list(String corporateAccountId, LocalDate periodStart, int limit) {
        Uni<List<Invoice>> found;
        if (corporateAccountId != null) {
            found = invoices.findByAccount(corporateAccountId, limit).map(list -> list.stream()
                    .filter(i -> periodStart == null || i.periodStart.equals(periodStart)).toList());
        } else if (periodStart != null) {
            found = invoices.findByPeriod(periodStart, limit);
        } else {
            throw InvoicingProblem.badRequest("Give account=<corporate account id> and/or periodStart=<YYYY-MM-DD>");
        }
        return found.chain(list -> invoices.totalsOf(list.stream().map(i -> i.id).toList()).map(totals -> list.stream()
                .map(invoice -> new IssuedInvoice(invoice,
                        totals.stream().filter(t -> t.invoiceId.equals(invoice.id)).toList(), List.of()))
                .toList()));
    }

    /** Creates or updates the account's billing details. */
    @WithTransaction
    public Uni<CorporateAccount> saveAccount(String id, String name, String billingEmail) {
        Instant now = clock.instant();
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(UPSERT_ACCOUNT)
                        .setParameter("id", id)
                        .setParameter("name", name)
                        .setParameter("billingEmail", billingEmail)
                        .setParameter("now", now)
                        .executeUpdate())
                .chain(() -> accounts.findById(id))
                .invoke(account -> Log.infof("Corporate account %s: %s, invoices to %s", id, name, billingEmail));
    }

    @WithSession
    public Uni<CorporateAccount> findAccount(String id) {
        return accounts.findById(id);
    }

    private Uni<Integer> sendBatch(String corporateAccountId, int sentBefore) {
        return invoices.unsentWithAddress(corporateAccountId, EMAIL_BATCH).chain(ids -> {
            List<Sent> outcomes = new ArrayList<>();
            Uni<Void> sending = Uni.createFrom().voidItem();
            for (UUID id : ids) {
                sending = sending.chain(() -> sender.sendIfDue(id)
                        .onFailure().recoverWithItem(failure -> {
                            Log.warnf("Emailing invoice %s failed, the next run tries again: %s", id,
                                    failure.getMessage());
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

    /**
     * The periods before {@code limit} not issued yet, oldest first, from the first period: the configured one, else
     * the earliest issued, else the period of the earliest corporate ledger entry. None when {@code limit} is before
     * that (a run by hand of an early period issues just that one).
     */
    private Uni<List<BillingPeriod>> pendingBefore(BillingPeriod limit) {
        return periods.completedPeriodStarts().chain(completedStarts -> {
            Set<LocalDate> completed = new HashSet<>(completedStarts);
            Optional<LocalDate> from = calendar.firstPeriod().map(BillingPeriod::start)
                    .or(() -> completedStarts.stream().findFirst());
            Uni<Optional<LocalDate>> first = from.isPresent() ? Uni.createFrom().item(from)
                    : invoices.earliestBillableEntry().map(e -> e.map(t -> calendar.containing(t).start()));
            return first.map(start -> start.map(firstStart -> calendar.pendingBetween(firstStart, limit, completed))
                    .orElseGet(List::of));
        });
    }

    private Uni<List<PeriodResult>> issueInOrder(List<BillingPeriod> periods, boolean wait) {
        List<PeriodResult> results = new ArrayList<>();
        Uni<Boolean> goOn = Uni.createFrom().item(true);
        for (BillingPeriod period : periods) {
            goOn = goOn.chain(go -> !go ? Uni.createFrom().item(false)
                    : issuer.issue(period, billedFrom(), wait).map(result -> {
                        results.add(result);
                        if (result.outcome() == Outcome.BUSY) {
                            Log.infof("Billing period %s is being invoiced by another replica; it goes on from there",
                                    period);
                        }
                        return result.outcome() != Outcome.BUSY;
                    }));
        }
        return goOn.map(ignored -> results);
    }

    private Instant billedFrom() {
        return calendar.firstPeriod().map(BillingPeriod::startsAt).orElse(Instant.EPOCH);
    }
}
