package com.flightbooking.workers.invoicing;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/** A corporate account's billing details, as ops set them. */
@ApplicationScoped
public class CorporateAccountService {

    private final CorporateAccountRepository accounts;
    private final Clock clock;

    CorporateAccountService(CorporateAccountRepository accounts, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
    }

    /** Creates or updates the account's billing details. */
    @WithTransaction
    public Uni<CorporateAccount> save(String id, String name, String billingEmail) {
        return accounts.upsert(id, name, billingEmail, clock.instant())
                .invoke(account -> Log.infof("Corporate account %s: billing details saved", id));
    }

    @WithSession
    public Uni<CorporateAccount> find(String id) {
        return accounts.findById(id);
    }
}
