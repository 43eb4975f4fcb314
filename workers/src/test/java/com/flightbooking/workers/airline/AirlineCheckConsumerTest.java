package com.flightbooking.workers.airline;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.flightbooking.events.AirlineInfoUpdated;
import com.flightbooking.events.BookingDetails;
import com.flightbooking.events.BookingStatusChanged;
import com.flightbooking.events.EventEnvelope;
import com.flightbooking.events.EventType;
import com.flightbooking.events.QueueRole;
import com.flightbooking.events.testing.SampleEvents;
import com.flightbooking.events.testing.Sql;
import com.flightbooking.kit.messaging.MessagingConfig;
import com.flightbooking.kit.messaging.MessagingNames;
import com.flightbooking.localinfra.Mailbox;
import com.flightbooking.workers.BookingApiStub;
import com.flightbooking.workers.Partners;
import com.flightbooking.workers.Topic;
import com.flightbooking.workers.partner.PartnerApiKey;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The airline-check role, driven through the topic like in production: a confirmation reaches it only after its
 * queue's delay (3 s in tests), the booking API (stubbed) says whether the booking is still confirmed, and the
 * simulated airline what it added.
 */
@QuarkusTest
class AirlineCheckConsumerTest {

    // Generous: a loaded machine may be slow; a passing test returns as soon as the outcome is there.
    private static final Duration SOON = Duration.ofSeconds(20);

    @Inject
    Topic topic;
    @Inject
    Partners partners;
    @Inject
    Pool pool;
    @Inject
    SqsAsyncClient sqs;

    @Inject
    MessagingConfig messaging;
    @ConfigProperty(name = "flights.messaging.provisioning.queue-delay.\"airline-check\"")
    Duration delay;

    private final List<StubMapping> stubs = new ArrayList<>();

    @AfterEach
    void removeStubs() {
        stubs.forEach(partners::remove);
    }

    @Test
    void theAirlineIsAskedOnlyOnceTheQueuesDelayHasPassed() {
        assertThat(delay).isEqualTo(Duration.ofSeconds(3));
        String url = sqs.getQueueUrl(r -> r.queueName(queue())).join().queueUrl();
        assertThat(sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.DELAY_SECONDS))
                .join().attributes()).containsEntry(QueueAttributeName.DELAY_SECONDS, "3");
        UUID bookingId = UUID.randomUUID();
        BookingDetails booking = SampleEvents.details("grace-" + bookingId + "@example.com", "LH400", null, "99.00",
                "EUR");
        String locator = BookingApiStub.recordLocatorOf(bookingId);
        stubs.add(partners.add(BookingApiStub.answers(bookingId, booking, "CONFIRMED", locator)));
        Instant published = Instant.now();

        topic.publish(confirmed(bookingId, booking, locator));

        LoggedRequest asked = await().atMost(SOON).until(() -> airlineRequests(locator), list -> !list.isEmpty())
                .get(0);
        assertThat(asked.getHeader(PartnerApiKey.HEADER)).isEqualTo("local-airline-key");
        // Not asked before the delay, by the timestamps of the publish and of the airline's request: a slow machine
        // can only make the gap longer.
        assertThat(Duration.between(published, asked.getLoggedDate().toInstant()))
                .isGreaterThanOrEqualTo(delay.minusMillis(100));
        assertThat(asked.queryParameter("flight").firstValue()).isEqualTo("LH400");
        // A plain booking, as made: recorded, and no news to announce.
        await().atMost(SOON).until(() -> cabin(bookingId), "ECONOMY"::equals);
        assertThat(outboxCount(bookingId)).isZero();
    }

    @Test
    void anUpgradeIsAnnouncedAndEmailedOnceHoweverOftenTheConfirmationArrives() {
        Topic.Spy spy = topic.spy();
        UUID bookingId = UUID.randomUUID();
        String email = "grace-" + bookingId + "@example.com";
        BookingDetails booking = SampleEvents.details(email, "UP123", "ACME-001", "499.90", "EUR");
        String locator = BookingApiStub.recordLocatorOf(bookingId);
        stubs.add(partners.add(BookingApiStub.answers(bookingId, booking, "CONFIRMED", locator)));
        EventEnvelope confirmed = confirmed(bookingId, booking, locator);

        topic.publish(confirmed);

        Topic.Published updated = await().atMost(SOON)
                .until(() -> spy.of(bookingId, EventType.AIRLINE_INFO_UPDATED), list -> !list.isEmpty()).get(0);
        assertThat(updated.data(AirlineInfoUpdated.class)).satisfies(info -> {
            assertThat(info.recordLocator()).isEqualTo(locator);
            assertThat(info.cabin()).isEqualTo("BUSINESS");
            assertThat(info.upgraded()).isTrue();
            assertThat(info.loungePass()).isTrue();
            assertThat(info.lastTicketingDate()).isNotNull();
            assertThat(info.booking()).isEqualTo(booking);
        });
        assertThat(updated.event().correlationId()).isEqualTo(confirmed.correlationId());
        Mailbox.Email upgradeEmail = await().atMost(SOON).until(() -> upgradeEmails(email), list -> !list.isEmpty())
                .get(0);
        assertThat(upgradeEmail.subject()).isEqualTo("Good news: you are upgraded to Business on UP123");
        assertThat(upgradeEmail.body()).contains(locator, "lounge pass", bookingId.toString());
        assertThat(upgradeEmail.messageId()).isEqualTo("<booking-" + bookingId + "-upgraded@flightbooking.example>");

        // The same event redelivered, and the confirmation announced again: neither is news.
        topic.publish(confirmed);
        topic.publish(confirmed(bookingId, booking, locator));
        topic.awaitQuiescence("airline-check", "notification");

        assertThat(outboxCount(bookingId)).isEqualTo(1);
        assertThat(spy.of(bookingId, EventType.AIRLINE_INFO_UPDATED)).hasSize(1);
        assertThat(upgradeEmails(email)).hasSize(1);
        assertThat(airlineRequests(locator)).hasSize(1);
    }

    @Test
    void aBookingCancelledMeanwhileIsNotChecked() {
        UUID bookingId = UUID.randomUUID();
        BookingDetails booking = SampleEvents.details("grace-" + bookingId + "@example.com", "UP456", null, "99.00",
                "EUR");
        String locator = BookingApiStub.recordLocatorOf(bookingId);
        stubs.add(partners.add(BookingApiStub.answers(bookingId, booking, "CANCELLED", locator)));

        topic.publish(confirmed(bookingId, booking, locator));

        await().atMost(SOON).until(() -> !partners.requests(getRequestedFor(
                urlPathEqualTo(BookingApiStub.path(bookingId)))).isEmpty());
        topic.awaitQuiescence("airline-check");
        assertThat(airlineRequests(locator)).isEmpty();
        assertThat(Sql.count(pool, "SELECT count(*) FROM airline_check WHERE booking_id = $1", bookingId)).isZero();
        assertThat(outboxCount(bookingId)).isZero();
    }

    private static EventEnvelope confirmed(UUID bookingId, BookingDetails booking, String locator) {
        return SampleEvents.statusChangedEvent(bookingId, booking, BookingStatusChanged.Status.CONFIRMED, locator,
                null);
    }

    private List<LoggedRequest> airlineRequests(String locator) {
        return partners.requests(getRequestedFor(urlPathEqualTo("/airline/v1/bookings/" + locator)));
    }

    private List<Mailbox.Email> upgradeEmails(String address) {
        return partners.emailsTo(address).stream().filter(e -> e.subject().contains("upgraded")).toList();
    }

    private long outboxCount(UUID bookingId) {
        return Sql.count(pool, "SELECT count(*) FROM outbox WHERE subject = $1 AND event_type = $2",
                bookingId.toString(), EventType.AIRLINE_INFO_UPDATED.ceType());
    }

    private String cabin(UUID bookingId) {
        var rows = pool.preparedQuery("SELECT cabin FROM airline_check WHERE booking_id = $1")
                .execute(Tuple.of(bookingId)).await().indefinitely();
        return rows.size() == 0 ? null : rows.iterator().next().getString("cabin");
    }

    private String queue() {
        return MessagingNames.queue(messaging, QueueRole.Names.AIRLINE_CHECK);
    }
}
