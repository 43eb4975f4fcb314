package com.flightbooking.workers.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.flightbooking.events.testing.Sql;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;

/** Sent emails go after the retention (30 days); recent ones, and those never sent, stay whatever their age. */
@QuarkusTest
class EmailOutboxRetentionTest {

    private static final String QUEUED = """
            INSERT INTO email_outbox (message_id, recipient, subject, text_body, created_at, sent_at, parked_at)
            VALUES ($1, 'customer@example.com', 'Your booking', 'text', now() - interval '40 days',
                    now() - $2::int * interval '1 day', now() - $3::int * interval '1 day')""";

    @Inject
    EmailOutboxRetention retention;
    @Inject
    Pool pool;

    @Test
    void deletesOnlySentEmailsOlderThanTheRetention() {
        String run = UUID.randomUUID().toString();
        queued(run + "-sent-31-days-ago", 31, null);
        queued(run + "-sent-yesterday", 1, null);
        queued(run + "-pending-for-40-days", null, null);
        queued(run + "-parked-40-days-ago", null, 40);

        assertThat(retention.deleteExpiredEmails().await().indefinitely()).isGreaterThanOrEqualTo(1);

        assertThat(Sql.count(pool, "SELECT count(*) FROM email_outbox WHERE message_id LIKE $1", run + "%"))
                .isEqualTo(3);
        assertThat(Sql.count(pool, "SELECT count(*) FROM email_outbox WHERE message_id = $1",
                run + "-sent-31-days-ago")).isZero();
    }

    /** A null age leaves the email not sent, or not parked. */
    private void queued(String messageId, Integer sentDaysAgo, Integer parkedDaysAgo) {
        Sql.execute(pool, QUEUED, messageId, sentDaysAgo, parkedDaysAgo);
    }
}
