package com.flightbooking.workers.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.flightbooking.events.testing.Sql;
import com.flightbooking.localinfra.Mailbox;
import com.flightbooking.workers.Partners;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.mailer.Mail;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The database refuses to mark an email sent for a moment (PostgreSQL restarting, in the fault suite): the sender
 * waits for it instead of leaving the row claimed, which would send the email again once the lease ran out.
 */
@QuarkusTest
class EmailSenderMarkTest {

    /** Well inside the lease (5 min): a row left claimed would still be unsent. */
    private static final Duration SOON = Duration.ofSeconds(20);

    @Inject
    EmailOutbox outbox;
    @Inject
    Partners partners;
    @Inject
    Pool pool;

    @Test
    void anEmailTheServerAcceptedIsMarkedSentOnceTheDatabaseTakesTheMarkAgain() throws Throwable {
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
}
