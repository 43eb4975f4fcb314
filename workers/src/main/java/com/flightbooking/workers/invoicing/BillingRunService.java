package com.flightbooking.workers.invoicing;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.flightbooking.workers.invoicing.InvoiceIssuer.Outcome;
import com.flightbooking.workers.invoicing.InvoiceIssuer.PeriodResult;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Billing runs: which periods are due and in what order. Periods are issued oldest first, each in its own transaction
 * ({@link InvoiceIssuer}) and only after every earlier one (from the first period) is complete, so a period missed
 * while nothing ran is caught up before the next, and the carrying over of late ledger entries never takes from a
 * period not yet issued.
 */
@ApplicationScoped
public class BillingRunService {

    /** A run by hand: the period asked for, and the earlier periods it had to issue first. */
    public record HandRun(PeriodResult period, List<PeriodResult> caughtUp) {
    }

    private final BillingCalendar calendar;
    private final InvoiceIssuer issuer;
    private final InvoiceRepository invoices;
    private final InvoicePeriodRepository periods;
    private final Clock clock;

    BillingRunService(BillingCalendar calendar, InvoiceIssuer issuer, InvoiceRepository invoices,
            InvoicePeriodRepository periods, Clock clock) {
        this.calendar = calendar;
        this.issuer = issuer;
        this.invoices = invoices;
        this.periods = periods;
        this.clock = clock;
    }

    /**
     * The scheduled run: issues every ended period not issued yet, oldest first. Stops at a period another replica is
     * issuing (it will go on from there); a failure stops the run, and the next one tries again.
     */
    public Uni<List<PeriodResult>> catchUp() {
        BillingPeriod current = calendar.containing(clock.instant());
        return pendingBefore(current).chain(pending -> issueInOrder(pending, false));
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

    private Uni<List<PeriodResult>> issueInOrder(List<BillingPeriod> pending, boolean wait) {
        List<PeriodResult> results = new ArrayList<>();
        Uni<Boolean> goOn = Uni.createFrom().item(true);
        for (BillingPeriod period : pending) {
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
