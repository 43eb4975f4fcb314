package com.flightbooking.workers.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import com.flightbooking.kit.security.Roles;
import com.flightbooking.kit.validation.CorporateAccountId;

import io.smallrye.mutiny.Uni;

/**
 * Read-only view of the ledger for ops and reporting: a booking's money movements, or a corporate account's latest.
 * Served on the workers' internal port.
 */
@Path("/ledger/entries")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.OPS)
public class LedgerResource {

    private final LedgerEntryRepository entries;

    LedgerResource(LedgerEntryRepository entries) {
        this.entries = entries;
    }

    public record Entry(UUID bookingId, LedgerEntry.Kind kind, BigDecimal amount, String currency,
            String corporateAccountId, String processorReference, Instant occurredAt, Instant recordedAt) {

        static Entry of(LedgerEntry entry) {
            return new Entry(entry.bookingId, entry.kind, entry.amount, entry.currency, entry.corporateAccountId,
                    entry.processorReference, entry.occurredAt, entry.recordedAt);
        }
    }

    @GET
    public Uni<List<Entry>> list(@QueryParam("bookingId") UUID bookingId,
            @QueryParam("account") @CorporateAccountId String account,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        Uni<List<LedgerEntry>> found;
        if (bookingId != null) {
            found = entries.findByBooking(bookingId);
        } else if (account != null && !account.isBlank()) {
            found = entries.findByAccount(account, Math.max(1, Math.min(limit, 1_000)));
        } else {
            throw new BadRequestException("Give bookingId=<booking id> or account=<corporate account id>");
        }
        return found.map(list -> list.stream().map(Entry::of).toList());
    }
}
