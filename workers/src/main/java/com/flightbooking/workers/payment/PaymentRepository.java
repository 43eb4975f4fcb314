package com.flightbooking.workers.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.flightbooking.events.PaymentRefunded;
import com.flightbooking.kit.outbox.Outbox.ConditionalWrite;
import com.flightbooking.kit.postgres.PoolRows;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The {@code payment} rows, in a transaction the caller holds on {@code connection}, except for the start of a charge
 * and the usual record of its outcome, one statement each. On the Vert.x pool, not Hibernate Reactive: every booking
 * passes through these statements, and under load the session, its persistence context and the dirty check cost the
 * workers more CPU than the statements (issue #13); a step changes one row that it locked itself, so there is nothing for an
 * ORM to track.
 */
@ApplicationScoped
public class PaymentRepository {

    private static final String INSERT_IF_ABSENT = """
            INSERT INTO payment (booking_id, status, amount, currency, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT (booking_id) DO NOTHING""";
    private static final String COLUMNS = """
            booking_id, status, amount, currency, charge_id, refund_id, refund_reason, decline_reason, created_at,
            updated_at""";
    private static final String CREATE = INSERT_IF_ABSENT + " RETURNING " + COLUMNS;
    private static final String FIND = "SELECT " + COLUMNS + " FROM payment WHERE booking_id = $1";
    private static final String LOCK = FIND + " FOR UPDATE";
    private static final String UPDATE = """
            UPDATE payment SET status = $2, charge_id = $3, refund_id = $4, refund_reason = $5, decline_reason = $6,
                               updated_at = $7
            WHERE booking_id = $1""";
    private static final String RECORD_CHARGE = ConditionalWrite.statement("""
            written AS (
                UPDATE payment SET status = $2, charge_id = $3, updated_at = $4
                WHERE booking_id = $1 AND status = $5 AND refund_reason IS NULL RETURNING 1)""", 5);

    /**
     * The booking's payment as it is now, created in {@code initial} status first when it does not exist: one
     * statement when it is created (the usual case), in no transaction. Reading it without a lock is enough for a
     * step that acts on it afterwards: the step that records the outcome locks it and checks the status again.
     */
    public Uni<Payment> createOrFind(SqlClient client, UUID bookingId, Payment.Status initial, BigDecimal amount,
            String currency, Instant now) {
        return client.preparedQuery(CREATE).execute(Tuple.of(bookingId, initial.name(), amount, currency, PoolRows.utc(now)))
                // Otherwise another delivery created it first; ON CONFLICT waited for its commit, so it is visible now.
                .chain(rows -> PoolRows.firstOr(rows, PaymentRepository::paymentOf,
                        () -> client.preparedQuery(FIND).execute(Tuple.of(bookingId))
                                .map(found -> PoolRows.firstOrNull(found, PaymentRepository::paymentOf))));
    }

    /**
     * The booking's payment, locked for the rest of the transaction; created in {@code initial} status first when it
     * does not exist. Concurrent callers for one booking queue up behind the lock.
     */
    public Uni<Payment> lockOrCreate(SqlConnection connection, UUID bookingId, Payment.Status initial,
            BigDecimal amount, String currency, Instant now) {
        return connection.preparedQuery(INSERT_IF_ABSENT)
                .execute(Tuple.of(bookingId, initial.name(), amount, currency, PoolRows.utc(now)))
                .chain(() -> lock(connection, bookingId));
    }

    /** The booking's payment, locked for the rest of the transaction, or null when it has none. */
    public Uni<Payment> lock(SqlConnection connection, UUID bookingId) {
        return connection.preparedQuery(LOCK).execute(Tuple.of(bookingId))
                .map(rows -> PoolRows.firstOrNull(rows, PaymentRepository::paymentOf));
    }

    /** Writes what a step changed in the payment it locked. */
    public Uni<Void> update(SqlConnection connection, Payment payment) {
        return connection.preparedQuery(UPDATE)
                .execute(Tuple.tuple().addUUID(payment.bookingId).addString(payment.status.name())
                        .addString(payment.chargeId).addString(payment.refundId)
                        .addString(payment.refundReason == null ? null : payment.refundReason.name())
                        .addString(payment.declineReason).addOffsetDateTime(PoolRows.utc(payment.updatedAt)))
                .replaceWithVoid();
    }

    /**
     * Records the charge of a payment that is CHARGING with no cancellation recorded, without a lock held before: the
     * update sees the row's latest version. Writes nothing otherwise.
     */
    public ConditionalWrite recordCharge(UUID bookingId, String chargeId, Instant chargedAt) {
        return new ConditionalWrite(RECORD_CHARGE, Tuple.of(bookingId, Payment.Status.CHARGED.name(), chargeId,
                PoolRows.utc(chargedAt), Payment.Status.CHARGING.name()));
    }

    private static Payment paymentOf(Row row) {
        Payment payment = new Payment();
        payment.bookingId = row.getUUID("booking_id");
        payment.status = Payment.Status.valueOf(row.getString("status"));
        payment.amount = row.getBigDecimal("amount");
        payment.currency = row.getString("currency");
        payment.chargeId = row.getString("charge_id");
        payment.refundId = row.getString("refund_id");
        String refundReason = row.getString("refund_reason");
        payment.refundReason = refundReason == null ? null : PaymentRefunded.Reason.valueOf(refundReason);
        payment.declineReason = row.getString("decline_reason");
        payment.createdAt = row.getOffsetDateTime("created_at").toInstant();
        payment.updatedAt = row.getOffsetDateTime("updated_at").toInstant();
        return payment;
    }
}
