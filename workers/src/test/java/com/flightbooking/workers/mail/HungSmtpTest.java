package com.flightbooking.workers.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.flightbooking.events.BookingStatusChanged;
import com.flightbooking.events.QueueRole;
import com.flightbooking.events.testing.Prometheus;
import com.flightbooking.events.testing.SampleEvents;
import com.flightbooking.events.testing.Sql;
import com.flightbooking.events.testing.SwitchableProxy;
import com.flightbooking.localinfra.LocalInfrastructure;
import com.flightbooking.localinfra.Mailbox;
import com.flightbooking.workers.Partners;
import com.flightbooking.workers.Topic;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * A mail server that accepts connections and never answers holds the email sender, never a database connection:
 * notifications keep being decided and committed through a small pool, and once a working server is back every email
 * goes out once.
 */
@QuarkusTest
@TestProfile(HungSmtpTest.HungMailServer.class)
class HungSmtpTest {

    private static final Duration SOON = Duration.ofSeconds(60);
    private static final int BOOKINGS = 12;
    private static final int MAX_ATTEMPTS = 1000;

    /** The notification role alone, a pool smaller than its handlers, and sends that time out fast. */
    public static class HungMailServer implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("flights.messaging.roles", QueueRole.Names.NOTIFICATION,
                    "quarkus.datasource.reactive.max-size", "4",
                    "flights.email-outbox.send-timeout", "2s",
                    "flights.email-outbox.max-attempts", Integer.toString(MAX_ATTEMPTS),
                    "flights.invoicing.enabled", "false");
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(HungSmtpInfra.class, Map.of(
                    "database", LocalInfrastructure.WORKERS_DATABASE, "partners", "true")));
        }
    }

    @Inject
    Topic topic;
    @Inject
    Partners partners;
    @Inject
    Pool pool;

    SwitchableProxy smtp;

    @Test
    void aHungMailServerHoldsNoDatabaseConnectionAndEachEmailGoesOutOnceWhenItIsBack() {
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < BOOKINGS; i++) {
            String address = "passenger-" + UUID.randomUUID() + "@example.com";
            addresses.add(address);
            topic.publish(SampleEvents.statusChangedEvent(UUID.randomUUID(),
                    SampleEvents.details(address, "BA117", null, "120.00", "GBP"),
                    BookingStatusChanged.Status.CONFIRMED, "HUNG01", null));
        }
        // An email that has used up its attempts but one is parked when that one fails too.
        Sql.execute(pool, """
                INSERT INTO email_outbox (message_id, recipient, subject, text_body, attempts)
                VALUES ($1, 'parked@example.com', 'Parked', 'Parked', $2)""",
                "<parked-" + UUID.randomUUID() + "@flightbooking.example>", MAX_ATTEMPTS - 1);

        // Every decision commits while the sender waits on the mail server.
        await().atMost(SOON).until(() -> Sql.count(pool,
                "SELECT count(*) FROM sent_email WHERE recipient = ANY($1)",
                (Object) addresses.toArray(String[]::new)) == BOOKINGS);
        assertThat(smtp.hungConnections()).isPositive();
        assertThat(Sql.count(pool, "SELECT count(*) FROM email_outbox WHERE recipient = ANY($1) AND sent_at IS NULL",
                (Object) addresses.toArray(String[]::new))).isEqualTo(BOOKINGS);
        // No transaction waits on the mail server (with the email sent inside the transaction, hung sends did).
        assertThat(Sql.count(pool, """
                SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()
                AND state LIKE 'idle in transaction%' AND state_change < now() - interval '2 seconds'"""))
                .isZero();
        await().atMost(SOON).untilAsserted(() -> {
            Prometheus metrics = Prometheus.scrape();
            assertThat(metrics.sum("flights_email_outbox_pending")).isGreaterThanOrEqualTo(BOOKINGS);
            assertThat(metrics.sum("flights_email_outbox_parked")).isGreaterThanOrEqualTo(1);
            assertThat(metrics.sum("flights_email_outbox_failures_total")).isGreaterThanOrEqualTo(1);
        });
        assertThat(Sql.count(pool, """
                SELECT count(*) FROM email_outbox WHERE recipient = 'parked@example.com'
                AND parked_at IS NOT NULL AND last_error IS NOT NULL""")).isEqualTo(1);
        assertThat(addresses).allSatisfy(address -> assertThat(partners.emailsTo(address)).isEmpty());

        smtp.up();

        await().atMost(SOON).until(() -> Sql.count(pool,
                "SELECT count(*) FROM email_outbox WHERE recipient = ANY($1) AND sent_at IS NOT NULL",
                (Object) addresses.toArray(String[]::new)) == BOOKINGS);
        assertThat(addresses).allSatisfy(address -> assertThat(partners.emailsTo(address))
                .singleElement().extracting(Mailbox.Email::subject).asString().contains("HUNG01"));
        assertThat(Sql.count(pool, "SELECT count(*) FROM email_outbox WHERE recipient = 'parked@example.com'"
                + " AND sent_at IS NULL")).isEqualTo(1);
    }
}
