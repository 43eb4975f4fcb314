package com.flightbooking.workers.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class PaymentRepository implements PanacheRepositoryBase<Payment, UUID> {

    private static final String INSERT_IF_ABSENT = """
            INSERT INTO payment (booking_id, status, amount, currency, created_at, updated_at)
            VALUES (:bookingId, :status, :amount, :currency, :now, :now) ON CONFLICT (booking_id) DO NOTHING""";

    /**
     * The booking's payment, locked for the rest of the transaction; created in {@code initial} status first when it
     * does not exist. Concurrent callers for one booking queue up behind the lock.
     */
    public Uni<Payment> lockOrCreate(UUID bookingId, Payment.Status initial, BigDecimal amount, String currency,
            Instant now) {
        return Panache.getSession().chain(session -> session.createNativeQuery(INSERT_IF_ABSENT)
                .setParameter("bookingId", bookingId)
                .setParameter("status", initial.name())
                .setParameter("amount", amount)
                .setParameter("currency", currency)
                .setParameter("now", now)
                .executeUpdate())
                .chain(() -> lock(bookingId));
    }

    public Uni<Payment> lock(UUID bookingId) {
        return findById(bookingId, LockModeType.PESSIMISTIC_WRITE);
    }
}
