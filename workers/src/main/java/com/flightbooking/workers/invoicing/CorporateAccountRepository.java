package com.flightbooking.workers.invoicing;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class CorporateAccountRepository implements PanacheRepositoryBase<CorporateAccount, String> {

    private static final String UPSERT = """
            INSERT INTO corporate_account (id, name, billing_email, created_at, updated_at)
            VALUES (:id, :name, :billingEmail, :now, :now)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, billing_email = excluded.billing_email,
                                           updated_at = excluded.updated_at""";

    /** Creates the account or replaces its name and billing address; the account as it is then. */
    public Uni<CorporateAccount> upsert(String id, String name, String billingEmail, Instant now) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(UPSERT)
                        .setParameter("id", id)
                        .setParameter("name", name)
                        .setParameter("billingEmail", billingEmail)
                        .setParameter("now", now)
                        .executeUpdate())
                .chain(() -> findById(id));
    }
}
