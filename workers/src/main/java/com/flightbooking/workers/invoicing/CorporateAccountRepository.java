package com.flightbooking.workers.invoicing;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;

@ApplicationScoped
@WithSession
public class CorporateAccountRepository implements PanacheRepositoryBase<CorporateAccount, String> {
}
