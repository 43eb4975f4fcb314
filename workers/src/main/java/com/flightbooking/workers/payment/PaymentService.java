package com.flightbooking.workers.payment;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.flightbooking.events.BookingDetails;
import com.flightbooking.events.EventEnvelope;
import com.flightbooking.events.PaymentCharged;
import com.flightbooking.events.PaymentDeclined;
import com.flightbooking.events.PaymentRefunded;
import com.flightbooking.kit.consumer.PermanentFailure;
import com.flightbooking.kit.outbox.Outbox;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * The payment state machine ({@link Payment}). Each step is one short transaction that locks the booking's row; an
 * outcome is recorded and its event appended to the outbox together, and only from the state that expects it, so a
 * redelivered or concurrent event changes nothing twice. The processor is called between steps, never inside one.
 * Starting a charge only creates or reads the row, in one statement: the step that records the charge's outcome
 * checks the status again. That step is one statement too in the usual case (CHARGING, not cancelled meanwhile), the
 * update's own row lock and conditions standing for the transaction's ({@link Outbox#appendIfWritten}).
 * <p>
 * The transactions are the Vert.x pool's ({@link PaymentRepository} says why), the outbox append on the same connection.
 */
@ApplicationScoped
public class PaymentService {

    static final String EVENT_SOURCE = "/workers/payment";

    private final Pool pool;
    private final PaymentRepository payments;
    private final Outbox outbox;
    private final Clock clock;

    PaymentService(Pool pool, PaymentRepository payments, Outbox outbox, Clock clock) {
        this.pool = pool;
        this.payments = payments;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** The payment to charge: CHARGING when a charge is (still) due; any other status means there is nothing to do. */
    public Uni<Payment> startCharge(UUID bookingId, BookingDetails booking) {
        return payments.createOrFind(pool, bookingId, Payment.Status.CHARGING, booking.fare().amount(),
                booking.fare().currency(), clock.instant());
    }

    /**
     * Records the charge and announces it; returns the payment to refund now (REFUNDING) when the booking was cancelled
     * while the charge was in flight, otherwise null.
     */
    public Uni<Payment> charged(EventEnvelope cause, UUID bookingId, BookingDetails booking, String chargeId) {
        Instant chargedAt = clock.instant();
        EventEnvelope event = cause.followUp(new PaymentCharged(bookingId, booking, chargeId), EVENT_SOURCE, chargedAt);
        // The usual case is one statement; a charge cancelled while in flight, or recorded already, takes the lock.
        return outbox.appendIfWritten(pool, payments.recordCharge(bookingId, chargeId, chargedAt), List.of(event))
                .chain(written -> {
                    if (written) {
                        Log.infof("Charged booking %s: %s %s (%s)", bookingId, booking.fare().amount(),
                                booking.fare().currency(), chargeId);
                        return Uni.createFrom().nullItem();
                    }
                    return chargedUnderLock(bookingId, chargeId, event);
                });
    }

    /** {@link #charged} under the lock, announced with {@code event}, the one the single statement would have. */
    private Uni<Payment> chargedUnderLock(UUID bookingId, String chargeId, EventEnvelope event) {
        return pool.withTransaction(connection -> payments.lock(connection, bookingId).chain(payment -> {
            if (payment.status != Payment.Status.CHARGING) {
                return Uni.createFrom().nullItem();
            }
            payment.status = Payment.Status.CHARGED;
            payment.chargeId = chargeId;
            payment.updatedAt = event.time();
            Log.infof("Charged booking %s: %s %s (%s)", bookingId, payment.amount, payment.currency, chargeId);
            Payment toRefund = payment.refundReason == null ? null : refundable(payment, payment.refundReason);
            if (toRefund != null) {
                Log.infof("Booking %s was cancelled during its charge: refunding it (%s)", bookingId,
                        toRefund.refundReason);
            }
            // Announced even when it is refunded at once: the money moved, and the ledger nets the charge and refund.
            return save(connection, payment, event).replaceWith(toRefund);
        }));
    }

    public Uni<Void> declined(EventEnvelope cause, UUID bookingId, BookingDetails booking, String reason) {
        return pool.withTransaction(connection -> payments.lock(connection, bookingId).chain(payment -> {
            if (payment.status != Payment.Status.CHARGING) {
                return Uni.createFrom().voidItem();
            }
            payment.status = Payment.Status.DECLINED;
            payment.declineReason = reason;
            // A cancellation recorded during the charge has nothing left to undo.
            payment.refundReason = null;
            payment.updatedAt = clock.instant();
            // Not the processor's reason, which may quote what it was sent: it is in the event and the payment row.
            Log.infof("Payment declined for booking %s", bookingId);
            return save(connection, payment, cause.followUp(new PaymentDeclined(bookingId, booking, reason),
                    EVENT_SOURCE, payment.updatedAt));
        }));
    }

    /** The payment to refund (REFUNDING), or null when nothing was charged or it is refunded already. */
    public Uni<Payment> startRefund(UUID bookingId, PaymentRefunded.Reason reason) {
        return pool.withTransaction(connection -> payments.lock(connection, bookingId).chain(payment -> {
            if (payment == null) {
                throw new PermanentFailure("no payment for booking " + bookingId + " to refund");
            }
            return refund(connection, payment, reason);
        }));
    }

    /**
     * Cancels the booking's payment ({@code reason}: the customer cancelled, or the saga's deadline passed): returns
     * the payment to refund (REFUNDING) when it was charged, or null when there is nothing to refund now. When no charge
     * has started yet, makes sure none ever will; when a charge is in flight, records the cancellation, which
     * {@link #charged} applies when the processor answers.
     */
    public Uni<Payment> cancel(UUID bookingId, BookingDetails booking, PaymentRefunded.Reason reason) {
        return pool.withTransaction(connection -> payments.lockOrCreate(connection, bookingId,
                Payment.Status.CANCELLED, booking.fare().amount(), booking.fare().currency(), clock.instant())
                .chain(payment -> {
                    if (payment.status != Payment.Status.CHARGING) {
                        return refund(connection, payment, reason);
                    }
                    if (payment.refundReason != null) {
                        return Uni.createFrom().nullItem();
                    }
                    payment.refundReason = reason;
                    payment.updatedAt = clock.instant();
                    Log.infof("Booking %s cancelled during its charge (%s): refunded once charged", bookingId, reason);
                    return payments.update(connection, payment).replaceWith((Payment) null);
                }));
    }

    public Uni<Void> refunded(EventEnvelope cause, UUID bookingId, BookingDetails booking, String refundId,
            String detail) {
        return pool.withTransaction(connection -> payments.lock(connection, bookingId).chain(payment -> {
            if (payment.status != Payment.Status.REFUNDING) {
                return Uni.createFrom().voidItem();
            }
            payment.status = Payment.Status.REFUNDED;
            payment.refundId = refundId;
            payment.updatedAt = clock.instant();
            Log.infof("Refunded booking %s: %s %s (%s, %s)", bookingId, payment.amount, payment.currency, refundId,
                    payment.refundReason);
            return save(connection, payment, cause.followUp(new PaymentRefunded(bookingId, booking,
                    payment.chargeId, refundId, payment.refundReason, detail), EVENT_SOURCE, payment.updatedAt));
        }));
    }

    /** The step's outcome and its event, on the step's connection. */
    private Uni<Void> save(SqlConnection connection, Payment payment, EventEnvelope event) {
        return payments.update(connection, payment).chain(() -> outbox.append(connection, List.of(event)));
    }

    /** {@link #refundable}, written when it starts the refund now. */
    private Uni<Payment> refund(SqlConnection connection, Payment payment, PaymentRefunded.Reason reason) {
        boolean charged = payment.status == Payment.Status.CHARGED;
        Payment toRefund = refundable(payment, reason);
        return charged ? payments.update(connection, payment).replaceWith(toRefund)
                : Uni.createFrom().item(toRefund);
    }

    private Payment refundable(Payment payment, PaymentRefunded.Reason reason) {
        if (payment.status == Payment.Status.CHARGED) {
            payment.status = Payment.Status.REFUNDING;
            payment.refundReason = reason;
            payment.updatedAt = clock.instant();
            return payment;
        }
        return payment.status == Payment.Status.REFUNDING ? payment : null;
    }
}
