package com.flightbooking.booking.api.outbox;

import static com.flightbooking.booking.api.Customers.asCustomer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.flightbooking.events.BookingRequested;
import com.flightbooking.events.EventCodec;
import com.flightbooking.events.EventEnvelope;
import com.flightbooking.events.EventType;
import com.flightbooking.events.QueueRole;
import com.flightbooking.events.testing.Bookings;
import com.flightbooking.events.testing.Bookings.Offer;
import com.flightbooking.events.testing.Quiescence;
import com.flightbooking.events.testing.SampleEvents;
import com.flightbooking.events.testing.SpyQueue;
import com.flightbooking.events.testing.Sql;
import com.flightbooking.kit.messaging.MessagingConfig;
import com.flightbooking.kit.messaging.TopicArn;
import com.flightbooking.kit.outbox.Outbox;
import com.flightbooking.kit.outbox.OutboxRelay;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import software.amazon.awssdk.services.sns.SnsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The relay as the tests' configuration runs it: its sweep comes once an hour, so whatever leaves promptly was sent
 * by the wake-up on commit. What needs the sweep is in {@link OutboxRelaySweepTest}.
 */
@QuarkusTest
class OutboxRelayTest {

    @Inject
    Pool pool;
    @Inject
    MessagingConfig messaging;
    @Inject
    SnsAsyncClient sns;
    @Inject
    SqsAsyncClient sqs;
    @Inject
    TopicArn topicArn;
    @Inject
    EventCodec codec;
    @Inject
    Outbox outbox;
    @Inject
    OutboxRelay relay;
    @Inject
    BeanManager beans;
    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "flights.outbox.relay.sweep-interval")
    Duration sweepInterval;

    private SpyQueue spy;
    private Quiescence quiescence;
    private final List<Runnable> replicasToDestroy = new ArrayList<>();

    @BeforeEach
    void subscribeASpy() {
        spy = SpyQueue.subscribe(sns, sqs, topicArn.get());
        quiescence = Quiescence.ofThisApp(sqs, pool, registry, messaging, QueueRole.Names.BOOKING_STATUS,
                QueueRole.Names.BOOKING_TIMELINE);
    }

    @AfterEach
    void destroyReplicas() {
        replicasToDestroy.forEach(Runnable::run);
    }

    @Test
    void publishesTheBookingRequestedEventToTheTopic() {
        Offer offer = Bookings.offer(asCustomer(), "FRA", "JFK", "LH400");
        String id = asCustomer().contentType(ContentType.JSON).header("X-Correlation-Id", "corr-" + UUID.randomUUID())
                .body(Bookings.body(offer.id(), "Ada Lovelace", "ada@example.com", "tok_visa_4242"))
                .when().post("/bookings")
                .then().statusCode(202).extract().path("id");

        await().atMost(Duration.ofSeconds(10)).until(() -> spy.pollFor(id), m -> !m.isEmpty());
        quiescence.await();

        List<Message> received = spy.pollFor(id);
        assertThat(received).hasSize(1);
        Message message = received.get(0);
        EventEnvelope event = codec.decode(message.body());
        assertThat(event.type()).isEqualTo(EventType.BOOKING_REQUESTED);
        assertThat(event.subject()).isEqualTo(id);
        assertThat(event.correlationId()).startsWith("corr-");
        BookingRequested data = event.dataAs(BookingRequested.class);
        assertThat(data.bookingId()).hasToString(id);
        // The token is in the event only sealed: no other role reading the event (or ops reading a DLQ) sees it.
        assertThat(message.body()).doesNotContain("tok_visa_4242");
        assertThat(SampleEvents.PAYMENT_TOKENS.open(data.bookingId(), data.paymentTokenRef())).isEqualTo("tok_visa_4242");
        assertThat(data.flight().number()).isEqualTo("LH400");
        assertThat(data.fare().amount()).isEqualByComparingTo(offer.amount());
        assertThat(data.fare().currency()).isEqualTo(offer.currency());
        assertThat(message.messageAttributes().get("ce_type").stringValue()).isEqualTo(EventType.BOOKING_REQUESTED.ceType());
        assertThat(message.messageAttributes().get("ce_id").stringValue()).isEqualTo(event.id().toString());
        assertThat(message.messageAttributes().get("correlationid").stringValue()).isEqualTo(event.correlationId());
        assertThat(Sql.count(pool, "SELECT count(*) FROM outbox WHERE subject = $1 AND published_at IS NOT NULL", id))
                .isEqualTo(1);
    }

    @Test
    void anEventLeavesWithinHalfASecondOfItsCommitWithoutWaitingForTheSweep() {
        // The premise: were the wake-up on commit broken, nothing would leave before the sweep, an hour away.
        assertThat(sweepInterval).isGreaterThanOrEqualTo(Duration.ofHours(1));
        // The first publish of a run may pay for connections and class loading; the claim is about the steady state.
        double warmUpLag = lagFromCommitToPublished(OutboxEvents.responseEvent("wake-" + UUID.randomUUID()));

        double lag = lagFromCommitToPublished(OutboxEvents.responseEvent("wake-" + UUID.randomUUID()));

        assertThat(warmUpLag).isLessThan(5);
        assertThat(lag).as("seconds from commit to published").isLessThan(0.5);
    }

    @Test
    void threeRelaysClaimingAtTheSameMomentPublishEveryRowExactlyOnce() {
        // Two more relays beside the app's own, built by the container as another replica of the app builds its own:
        // they share nothing with it but the table and the topic (and, here, the connection pool).
        List<OutboxRelay> relays = List.of(relay, replica(), replica());
        String subject = "race-" + UUID.randomUUID();
        List<EventEnvelope> events = IntStream.range(0, 300).mapToObj(i -> OutboxEvents.responseEvent(subject))
                .toList();
        quiescence.await();

        // The start barrier: the rows are written under a table lock that every claim waits for, so that the three
        // claims start together the moment the rows are committed, each finding all of them due.
        SqlConnection writer = pool.getConnection().await().atMost(Duration.ofSeconds(10));
        try {
            Transaction transaction = writer.begin().await().atMost(Duration.ofSeconds(10));
            writer.query("LOCK TABLE outbox IN EXCLUSIVE MODE").execute().await().atMost(Duration.ofSeconds(10));
            outbox.append(writer, events).await().atMost(Duration.ofSeconds(30));
            relays.forEach(OutboxRelay::wake);
            await().atMost(Duration.ofSeconds(10)).until(() -> Sql.count(pool, """
                    SELECT count(*) FROM pg_locks WHERE locktype = 'relation' AND relation = 'outbox'::regclass
                    AND NOT granted""") == relays.size());
            transaction.commit().await().atMost(Duration.ofSeconds(10));
        } finally {
            writer.close().await().atMost(Duration.ofSeconds(10));
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> Sql.count(pool,
                "SELECT count(*) FROM outbox WHERE subject = $1 AND published_at IS NOT NULL", subject) == events.size());
        quiescence.await();

        Map<String, Long> deliveries = spy.deliveriesPerEvent(subject);
        assertThat(deliveries).containsOnlyKeys(events.stream().map(e -> e.id().toString()).toList());
        assertThat(deliveries.entrySet()).filteredOn(delivered -> delivered.getValue() != 1).isEmpty();
    }

    /** Seconds between the row's commit and its publish, both by the database's clock. */
    private double lagFromCommitToPublished(EventEnvelope event) {
        // created_at defaults to the transaction's start; this statement is the whole transaction.
        Sql.execute(pool, "INSERT INTO outbox (event_id, event_type, subject, body) VALUES ($1, $2, $3, $4)",
                event.id(), event.type().ceType(), event.subject(), codec.encode(event));
        await().atMost(Duration.ofSeconds(10)).until(() -> Sql.count(pool,
                "SELECT count(*) FROM outbox WHERE event_id = $1 AND published_at IS NOT NULL", event.id()) == 1);
        return pool.preparedQuery("SELECT extract(epoch FROM published_at - created_at)::float8 FROM outbox"
                + " WHERE event_id = $1").execute(Tuple.of(event.id()))
                .await().indefinitely().iterator().next().getDouble(0);
    }

    @SuppressWarnings("unchecked")
    private OutboxRelay replica() {
        Bean<OutboxRelay> bean = (Bean<OutboxRelay>) beans.resolve(beans.getBeans(OutboxRelay.class));
        CreationalContext<OutboxRelay> context = beans.createCreationalContext(bean);
        OutboxRelay replica = bean.create(context);
        replicasToDestroy.add(() -> bean.destroy(replica, context));
        return replica;
    }
}
