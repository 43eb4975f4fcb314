package com.flightbooking.workers.invoicing;

import jakarta.enterprise.context.ApplicationScoped;

import com.flightbooking.workers.invoicing.CorporateAccount;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;

@ApplicationScoped
@WithSession
public class CorporateAccountRepository implements PanacheRepositoryBase<CorporateAccount, String> {
}
