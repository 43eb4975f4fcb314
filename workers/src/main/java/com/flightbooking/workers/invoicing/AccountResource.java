package com.flightbooking.workers.invoicing;

import java.time.Instant;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.flightbooking.kit.security.Roles;
import com.flightbooking.kit.validation.CorporateAccountId;
import com.flightbooking.kit.validation.EmailAddress;
import com.flightbooking.kit.validation.PlainText;

import io.smallrye.mutiny.Uni;

/** Ops endpoints for a corporate account's billing details. Served on the workers' internal port. */
@Path("/admin/accounts/{id}")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.OPS)
public class AccountResource {

    private final CorporateAccountService accounts;
    private final InvoiceDeliveryService delivery;

    AccountResource(CorporateAccountService accounts, InvoiceDeliveryService delivery) {
        this.accounts = accounts;
        this.delivery = delivery;
    }

    public record UpdateAccountRequest(
            @NotBlank @Size(max = 200) @PlainText String name,
            @NotNull @EmailAddress @PlainText String billingEmail) {

        /** Surrounding blanks are not part of what ops meant. */
        public UpdateAccountRequest {
            name = name == null ? null : name.strip();
            billingEmail = billingEmail == null ? null : billingEmail.strip();
        }
    }

    public record AccountView(String id, String name, String billingEmail, Instant createdAt, Instant updatedAt) {

        static AccountView of(CorporateAccount account) {
            return new AccountView(account.id, account.name, account.billingEmail, account.createdAt,
                    account.updatedAt);
        }
    }

    @GET
    @RolesAllowed({ Roles.OPS, Roles.FINANCE })
    public Uni<AccountView> get(@PathParam("id") @CorporateAccountId String id) {
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
    public Uni<AccountView> put(@PathParam("id") @CorporateAccountId String id,
            @NotNull(message = "a JSON body is required: {\"name\": ..., \"billingEmail\": ...}") @Valid UpdateAccountRequest request) {
        return accounts.save(id, request.name(), request.billingEmail())
                .call(() -> delivery.sendPending(id))
                .map(AccountView::of);
    }
}
