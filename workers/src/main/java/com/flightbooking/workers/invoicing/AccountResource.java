package com.flightbooking.workers.invoicing;

import java.time.Instant;
import java.util.regex.Pattern;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.flightbooking.kit.security.Roles;

import io.smallrye.mutiny.Uni;

/** Ops endpoints for a corporate account's billing details. Served on the workers' internal port. */
@Path("/admin/accounts/{id}")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.OPS)
public class AccountResource {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final CorporateAccountService accounts;
    private final InvoiceDeliveryService delivery;

    AccountResource(CorporateAccountService accounts, InvoiceDeliveryService delivery) {
        this.accounts = accounts;
        this.delivery = delivery;
    }

    public record UpdateAccountRequest(String name, String billingEmail) {
    }

    public record AccountView(String id, String name, String billingEmail, Instant createdAt, Instant updatedAt) {

        static AccountView of(CorporateAccount account) {
            return new AccountView(account.id, account.name, account.billingEmail, account.createdAt,
                    account.updatedAt);
        }
    }

    @GET
    @RolesAllowed({ Roles.OPS, Roles.FINANCE })
    public Uni<AccountView> get(@PathParam("id") String id) {
        return accounts.find(id).map(account -> {
            if (account == null) {
                throw InvoicingProblem.notFound("No corporate account " + id + " (create it with PUT)");
            }
            return AccountView.of(account);
        });
    }

    /** Creates or replaces the account's billing details; its invoices waiting for an address are emailed now. */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<AccountView> put(@PathParam("id") String id, UpdateAccountRequest request) {
        if (request == null || request.name() == null || request.name().isBlank()) {
            throw InvoicingProblem.badRequest("Give the account's name: {\"name\": ..., \"billingEmail\": ...}");
        }
        if (request.billingEmail() == null || !EMAIL.matcher(request.billingEmail().trim()).matches()) {
            throw InvoicingProblem.badRequest("billingEmail must be an email address, not " + request.billingEmail());
        }
        return accounts.save(id, request.name().trim(), request.billingEmail().trim())
                .call(() -> delivery.sendPending(id))
                .map(AccountView::of);
    }
}
