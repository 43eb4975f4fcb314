package com.flightbooking.workers.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.flightbooking.events.BookingStatusChanged;
import com.flightbooking.events.EventEnvelope;
import com.flightbooking.events.testing.SampleEvents;
import com.flightbooking.events.testing.Sql;
import com.flightbooking.localinfra.Mailbox;
import com.flightbooking.workers.Partners;
import com.flightbooking.workers.mail.EmailOutbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.mailer.Mail;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * A customer email leaves only once its decision is committed, and once however often the decision is retried or its
 * mark refused.
 */
@QuarkusTest
class NotificationOutboxTest {

    private static final Duration SOON = Duration.ofSeconds(20);

    @Inject
    NotificationService notifications;
    @Inject
    CustomerEmails emails;
    @Inject
    EmailOutbox outbox;
    @Inject
    Partners partners;
    @Inject
    Pool pool;

    @Test
    void aDecisionWhoseTransactionFailsAfterRenderingSendsNothingAndItsRetrySendsOneEmail() throws Throwable {
        String address = uniqueAddress();
        UUID bookingId = UUID.randomUUID();
        EventEnvelope confirmed = confirmed(bookingId, address);
        Mail mail = emails.compose(confirmed.dataAs(BookingStatusChanged.class));
        String messageId = "<booking-" + bookingId + "-confirmed@flightbooking.example>";

        // The decision is made and the email queued, then the commit fails (a deferred trigger on its sent_email row).
        String suffix = bookingId.toString().replace("-", "");
        Sql.execute(pool, """
                CREATE FUNCTION fail_commit_%s() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  RAISE EXCEPTION 'the commit fails';
                END $$""".formatted(suffix));
        Sql.execute(pool, ("CREATE CONSTRAINT TRIGGER fail_commit_%1$s AFTER INSERT ON sent_email DEFERRABLE INITIALLY "
                + "DEFERRED FOR EACH ROW WHEN (NEW.booking_id = '%2$s') EXECUTE FUNCTION fail_commit_%1$s()")
                .formatted(suffix, bookingId));
        try {
            assertThatThrownBy(() -> VertxContextSupport.subscribeAndAwait(
                    () -> notifications.sendOnce(confirmed, bookingId, "CONFIRMED", mail)))
                    .hasMessageContaining("the commit fails");
        } finally {
            Sql.execute(pool, "DROP TRIGGER fail_commit_%1$s ON sent_email".formatted(suffix));
            Sql.execute(pool, "DROP FUNCTION fail_commit_%s()".formatted(suffix));
        }

        assertThat(Sql.count(pool, "SELECT count(*) FROM email_outbox WHERE message_id = $1", messageId)).isZero();
        assertThat(Sql.count(pool, "SELECT count(*) FROM sent_email WHERE booking_id = $1", bookingId)).isZero();

        // The redelivered event decides again and commits; a third delivery finds the decision.
        VertxContextSupport.subscribeAndAwait(() -> notifications.sendOnce(confirmed, bookingId, "CONFIRMED", mail));
        VertxContextSupport.subscribeAndAwait(() -> notifications.sendOnce(confirmed, bookingId, "CONFIRMED",
                emails.compose(confirmed.dataAs(BookingStatusChanged.class))));

        await().atMost(SOON).until(() -> Sql.count(pool,
                "SELECT count(*) FROM email_outbox WHERE message_id = $1 AND sent_at IS NOT NULL", messageId) == 1);
        // Every row with this Message-ID is sent: a second email would be in the mailbox now.
        assertThat(partners.emailsTo(address)).singleElement().extracting(Mailbox.Email::messageId)
                .isEqualTo(messageId);
    }

    @Test
    void anEmailIsQueuedOncePerMessageId() throws Throwable {
        String address = uniqueAddress();
        UUID bookingId = UUID.randomUUID();
        Mail mail = emails.compose(confirmed(bookingId, address).dataAs(BookingStatusChanged.class));

        boolean first = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> outbox.queue(mail)));
        boolean again = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> outbox.queue(mail)));

        assertThat(first).isTrue();
        assertThat(again).isFalse();
        await().atMost(SOON).until(() -> partners.emailsTo(address), list -> !list.isEmpty());
        assertThat(Sql.count(pool, "SELECT count(*) FROM email_outbox WHERE recipient = $1", address)).isEqualTo(1);
        assertThat(partners.emailsTo(address)).hasSize(1);
    }

    /**
     * The database refuses to mark an email sent for a moment (PostgreSQL restarting, in the fault suite): the sender
     * waits for it instead of leaving the row claimed, which would send the email again once the lease (5 min) ran out.
     */
    @Test
    void anEmailTheServerAcceptedIsMarkedSentOnceTheDatabaseTakesTheMarkAgainNotSentTwice() throws Throwable {
        String suffix = UUID.randomUUID().toString().replace("-", "");
        String address = "passenger-" + suffix + "@example.com";
        String messageId = "<mark-" + suffix + "@flightbooking.example>";
        // A sequence, not a table: its count survives the refused statement's rollback.
        Sql.execute(pool, "CREATE SEQUENCE refused_marks_" + suffix);
        Sql.execute(pool, """
                CREATE FUNCTION refuse_marks_%1$s() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  IF nextval('refused_marks_%1$s') <= 2 THEN
                    RAISE EXCEPTION 'the database refuses the mark';
                  END IF;
                  RETURN NEW;
                END $$""".formatted(suffix));
        Sql.execute(pool, ("CREATE TRIGGER refuse_marks_%1$s BEFORE UPDATE OF sent_at ON email_outbox FOR EACH ROW "
                + "WHEN (NEW.sent_at IS NOT NULL AND NEW.message_id = '%2$s') EXECUTE FUNCTION refuse_marks_%1$s()")
                .formatted(suffix, messageId));
        try {
            Mail mail = Mail.withText(address, "Your flight", "See you on board.").addHeader(EmailOutbox.MESSAGE_ID,
                    messageId);
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> outbox.queue(mail)));

            await().atMost(SOON).until(() -> Sql.count(pool,
                    "SELECT count(*) FROM email_outbox WHERE message_id = $1 AND sent_at IS NOT NULL", messageId) == 1);
            assertThat(Sql.count(pool, "SELECT attempts FROM email_outbox WHERE message_id = $1", messageId))
                    .as("sent in its first attempt, not claimed again").isEqualTo(1);
            assertThat(partners.emailsTo(address)).singleElement().extracting(Mailbox.Email::messageId)
                    .isEqualTo(messageId);
        } finally {
            Sql.execute(pool, "DROP TRIGGER refuse_marks_%1$s ON email_outbox".formatted(suffix));
            Sql.execute(pool, "DROP FUNCTION refuse_marks_%1$s()".formatted(suffix));
            Sql.execute(pool, "DROP SEQUENCE refused_marks_%1$s".formatted(suffix));
        }
    }

    private static EventEnvelope confirmed(UUID bookingId, String address) {
        return SampleEvents.statusChangedEvent(bookingId, SampleEvents.details(address, "BA117", null, "120.00", "GBP"),
                BookingStatusChanged.Status.CONFIRMED, "OUTBX1", null);
    }

    private static String uniqueAddress() {
        return "passenger-" + UUID.randomUUID() + "@example.com";
    }
}
