package com.flightbooking.workers.invoicing;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import com.flightbooking.events.Money;
import com.flightbooking.kit.problem.ProblemException;
import com.flightbooking.kit.security.Roles;
import com.flightbooking.kit.validation.CorporateAccountId;
import com.flightbooking.workers.invoicing.InvoiceIssuer.PeriodResult;
import com.flightbooking.workers.invoicing.InvoiceQueryService.IssuedInvoice;
import com.flightbooking.workers.ledger.LedgerEntry;

import io.smallrye.mutiny.Uni;

/**
 * Ops endpoints for invoices: look one up, email it again, issue a period by hand. Served on the workers' internal
 * port; do not expose it beyond the cluster.
 */
@Path("/admin/invoices")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.OPS)
public class InvoiceResource {

    /**
     * How many years back a billing period may start, and how far ahead one may be looked up: bookkeeping keeps ten
     * years; a date outside is a mistake (and some, like year -99999, are outside what PostgreSQL can store).
     */
    static final int PERIOD_YEARS_BACK = 10;
    static final int PERIOD_YEARS_AHEAD = 1;
    private static final String PERIOD_START = "periodStart";

    private final InvoiceQueryService queries;
    private final InvoiceDeliveryService delivery;
    private final BillingRunService billingRuns;
    private final Clock clock;

    InvoiceResource(InvoiceQueryService queries, InvoiceDeliveryService delivery, BillingRunService billingRuns,
            Clock clock) {
        this.queries = queries;
        this.delivery = delivery;
        this.billingRuns = billingRuns;
        this.clock = clock;
    }

    public record InvoiceView(UUID id, String corporateAccountId, LocalDate periodStart, LocalDate periodEnd,
            Instant issuedAt, Instant emailedAt, String emailedTo, int emailsSent, List<Money> totals,
            List<LineView> lines) {

        static InvoiceView of(IssuedInvoice issued) {
            var invoice = issued.invoice();
            return new InvoiceView(invoice.id, invoice.corporateAccountId, invoice.periodStart, invoice.periodEnd,
                    invoice.issuedAt, invoice.emailedAt, invoice.emailedTo, invoice.emailsSent,
                    issued.totals().stream().map(t -> new Money(t.amount, t.currency)).toList(),
                    issued.lines().stream().map(LineView::of).toList());
        }
    }

    public record LineView(long ledgerEntryId, UUID bookingId, LedgerEntry.Kind kind, BigDecimal amount,
            String currency, Instant occurredAt) {

        static LineView of(InvoiceLine line) {
            return new LineView(line.ledgerEntryId, line.bookingId, line.kind, line.amount, line.currency,
                    line.occurredAt);
        }
    }

    public record PeriodView(LocalDate periodStart, LocalDate periodEnd, InvoiceIssuer.Outcome outcome, int invoices,
            Instant completedAt) {

        static PeriodView of(PeriodResult result) {
            return new PeriodView(result.period().start(), result.period().end(), result.outcome(), result.invoices(),
                    result.completedAt());
        }
    }

    /** A run by hand: the period asked for, and the earlier ones it issued first. */
    public record RunView(LocalDate periodStart, LocalDate periodEnd, InvoiceIssuer.Outcome outcome, int invoices,
            Instant completedAt, List<PeriodView> caughtUp) {
    }

    /** The invoices of an account (latest first) and/or of a billing period, with totals and without lines. */
    @GET
    @RolesAllowed({ Roles.OPS, Roles.FINANCE })
    public Uni<List<InvoiceView>> list(@QueryParam("account") @CorporateAccountId String account,
            @QueryParam(PERIOD_START) String periodStart, @QueryParam("limit") @DefaultValue("100") int limit) {
        return queries.list(account == null || account.isBlank() ? null : account,
                periodStart == null ? null : date(periodStart), Math.max(1, Math.min(limit, 1_000)))
                .map(list -> list.stream().map(InvoiceView::of).toList());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.OPS, Roles.FINANCE })
    public Uni<InvoiceView> get(@PathParam("id") UUID id) {
        return queries.find(id).map(found -> InvoiceView.of(found.orElseThrow(
                () -> InvoicingProblem.notFound("No invoice " + id))));
    }

    /** Emails the invoice to the account's billing address again (a new email, whether or not it was sent). */
    @POST
    @Path("/{id}/resend")
    public Uni<InvoiceView> resend(@PathParam("id") UUID id) {
        return delivery.resend(id).map(InvoiceView::of);
    }

    /**
     * Issues the billing period starting on {@code periodStart} now (with any earlier one not issued yet), if it has
     * ended; then emails what is due. Idempotent: a period issued before is answered as it was.
     */
    @POST
    @Path("/run")
    public Uni<RunView> run(@QueryParam(PERIOD_START) String periodStart) {
        if (periodStart == null || periodStart.isBlank()) {
            throw ProblemException.invalid(PERIOD_START, "is required: the first day of an ended billing period,"
                    + " YYYY-MM-DD");
        }
        return billingRuns.runByHand(date(periodStart))
                .call(() -> delivery.sendPending(null))
                .map(run -> new RunView(run.period().period().start(), run.period().period().end(),
                        run.period().outcome(), run.period().invoices(), run.period().completedAt(),
                        run.caughtUp().stream().map(PeriodView::of).toList()));
    }

    /** The value is never repeated in the answer: it is whatever the caller sent. */
    private LocalDate date(String text) {
        LocalDate date;
        try {
            date = LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(PERIOD_START, "must be a date, YYYY-MM-DD");
        }
        LocalDate today = LocalDate.now(clock);
        if (date.isBefore(today.minusYears(PERIOD_YEARS_BACK)) || date.isAfter(today.plusYears(PERIOD_YEARS_AHEAD))) {
            throw ProblemException.invalid(PERIOD_START, "must be within %d years before and %d year after today"
                    .formatted(PERIOD_YEARS_BACK, PERIOD_YEARS_AHEAD));
        }
        return date;
    }
}
