package com.flightbooking.workers.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.flightbooking.events.BookingRequested;
import com.flightbooking.events.BookingStatusChanged;
import com.flightbooking.events.EventType;
import com.flightbooking.events.PaymentRefunded;
import com.flightbooking.events.QueueRole;
import com.flightbooking.events.testing.SampleEvents;
import com.flightbooking.events.testing.Sql;
import com.flightbooking.localinfra.Mailbox;
import com.flightbooking.workers.Partners;
import com.flightbooking.workers.Topic;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The saga's deadline as the workers see it: the booking API ends a booking the processor has not answered for with
 * EXPIRED (booking-api's {@code SagaDeadlineTest}); the charge that succeeds afterwards is refunded, no seat stays
 * booked, and the customer gets one email saying so.
 */
@QuarkusTest
class ExpiredBookingTest {

    private static final Duration SOON = Duration.ofSeconds(30);
    private static final String CHARGES = "/payment-processor/v1/charges";
    private static final int HELD_MS = 6000;

    @Inject
    Topic topic;
    @Inject
    Partners partners;
    @Inject
    Pool pool;

    @Test
    void aChargeThatSucceedsAfterTheDeadlineIsRefundedOnceAndTheCustomerEmailedOnce() {
        Topic.Spy spy = topic.spy();
        String email = "expired-" + UUID.randomUUID() + "@example.com";
        BookingRequested requested = SampleEvents.bookingRequested(UUID.randomUUID(), "tok_visa_4242",
                SampleEvents.details(email, "BA117", null, "212.00", "EUR"));
        UUID bookingId = requested.bookingId();
        int paymentDeadLetters = topic.deadLetters(QueueRole.Names.PAYMENT);
        int fulfilmentDeadLetters = topic.deadLetters(QueueRole.Names.FULFILMENT);
        // The processor does not answer before the deadline: it holds the charge until the expiry has been handled.
        StubMapping held = partners.hold(CHARGES, bookingId, HELD_MS);
        try {
            topic.publish(SampleEvents.event(requested));
            await().atMost(SOON).until(() -> paymentStatus(bookingId), "CHARGING"::equals);

            topic.publish(SampleEvents.statusChangedEvent(bookingId, requested.details(),
                    BookingStatusChanged.Status.EXPIRED, null, "no outcome within 15 minutes"));

            await().atMost(SOON).until(() -> refundReason(bookingId), "BOOKING_EXPIRED"::equals);
            assertThat(paymentStatus(bookingId)).isEqualTo("CHARGING");
        } finally {
            partners.remove(held);
        }

        Topic.Published refunded = await().atMost(SOON)
                .until(() -> spy.of(bookingId, EventType.PAYMENT_REFUNDED), list -> !list.isEmpty()).get(0);
        assertThat(refunded.data(PaymentRefunded.class).reason()).isEqualTo(PaymentRefunded.Reason.BOOKING_EXPIRED);
        assertThat(refunded.data(PaymentRefunded.class).detail()).isEqualTo("booking expired");
        Mailbox.Email sent = await().atMost(SOON).until(() -> partners.emailsTo(email), list -> !list.isEmpty())
                .get(0);
        assertThat(sent.subject()).isEqualTo("We could not complete your booking for BA117");
        assertThat(sent.body()).contains("(no outcome within 15 minutes)", "Any payment taken is refunded in full");
        topic.awaitQuiescence(QueueRole.Names.PAYMENT, QueueRole.Names.FULFILMENT, QueueRole.Names.NOTIFICATION,
                QueueRole.Names.LEDGER);
        assertThat(paymentStatus(bookingId)).isEqualTo("REFUNDED");
        assertThat(partners.effects().charges(bookingId.toString())).isEqualTo(1);
        assertThat(partners.effects().refunds(bookingId.toString())).isEqualTo(1);
        assertThat(partners.effects().net(Set.of(bookingId.toString()))).isZero();
        // The late charge is announced; fulfilment knows the booking expired and holds no seat for it.
        String recordLocator = bookingId.toString().substring(0, 6).toUpperCase(Locale.ROOT);
        assertThat(partners.effects().reservations(bookingId.toString()))
                .isEqualTo(partners.effects().cancellations(recordLocator));
        assertThat(Sql.count(pool, "SELECT count(*) FROM reservation WHERE booking_id = $1"
                + " AND status NOT IN ('CANCELLED', 'FAILED')", bookingId)).isZero();
        assertThat(Sql.count(pool, "SELECT count(*) FROM ledger_entry WHERE booking_id = $1", bookingId)).isEqualTo(2);
        assertThat(Sql.count(pool, "SELECT count(*) FROM (SELECT 1 FROM ledger_entry WHERE booking_id = $1"
                + " HAVING sum(amount) <> 0) unbalanced", bookingId)).isZero();
        assertThat(partners.emailsTo(email)).hasSize(1);
        assertThat(topic.deadLetters(QueueRole.Names.PAYMENT)).isEqualTo(paymentDeadLetters);
        assertThat(topic.deadLetters(QueueRole.Names.FULFILMENT)).isEqualTo(fulfilmentDeadLetters);
    }

    private String paymentStatus(UUID bookingId) {
        return column(bookingId, "status");
    }

    private String refundReason(UUID bookingId) {
        return column(bookingId, "refund_reason");
    }

    private String column(UUID bookingId, String column) {
        var rows = pool.preparedQuery("SELECT " + column + " FROM payment WHERE booking_id = $1")
                .execute(Tuple.of(bookingId)).await().indefinitely();
        return rows.size() == 0 ? null : rows.iterator().next().getString(0);
    }
}
