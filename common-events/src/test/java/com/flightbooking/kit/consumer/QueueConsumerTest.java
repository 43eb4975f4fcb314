package com.flightbooking.kit.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.flightbooking.events.EventCodec;
import com.flightbooking.events.EventEnvelope;
import com.flightbooking.events.EventType;
import com.flightbooking.events.HttpResponseSent;
import com.flightbooking.events.testing.SampleEvents;
import com.flightbooking.kit.messaging.MessageAttributes;
import com.flightbooking.kit.tracing.EventSpans;
import com.flightbooking.localinfra.LocalFauxqs;

import io.opentelemetry.api.OpenTelemetry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/** The consumer kit against the real emulator: bounds, retries, dead letters, visibility, drain, replicas. */
class QueueConsumerTest {

    private static LocalFauxqs fauxqs;
    private static SqsAsyncClient sqs;
    private static Vertx vertx;
    private final EventCodec codec = new EventCodec();
    private final List<Cancellable> subscriptions = new ArrayList<>();
    private String queue;
    private String queueUrl;
    private Duration batchWindow = ConsumerSettings.DEFAULT_RECEIVE_BATCH_WINDOW;

    @BeforeAll
    static void startEmulator() {
        fauxqs = LocalFauxqs.start(0, line -> {
        });
        sqs = SqsAsyncClient.builder().endpointOverride(URI.create(fauxqs.endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build();
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopEmulator() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
        sqs.close();
        fauxqs.close();
    }

    @AfterEach
    void stopConsumers() {
        subscriptions.forEach(Cancellable::cancel);
    }

    @Test
    void neverHoldsMoreThanTheBoundWhileASlowHandlerWorksThroughABacklog() {
        createQueues(30, 5);
        List<String> sent = send(5_000);
        Set<String> handled = ConcurrentHashMap.newKeySet();
        QueueConsumer consumer = consumer(settings(50, 8, 30, 5));

        consume(consumer, 8, event -> delay(Duration.ofMillis(5)).invoke(() -> handled.add(event.id().toString())));

        await().atMost(Duration.ofSeconds(120)).until(() -> handled.size() == sent.size());
        assertThat(handled).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(consumer.peakHeld()).isPositive().isLessThanOrEqualTo(50);
        await().atMost(Duration.ofSeconds(10)).until(() -> messagesIn(queueUrl) == 0);
    }

    @Test
    void copiesOfAChannelShareOneBoundAndHandleInParallel() {
        createQueues(30, 5);
        List<String> sent = send(200);
        List<String> handled = new CopyOnWriteArrayList<>();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostRunning = new AtomicInteger();
        QueueConsumer consumer = consumer(settings(5, 2, 30, 5));

        // As SmallRye subscribes for `concurrency=8`: eight subscribers, each handling one event at a time; together
        // they could run eight handlers, but the channel holds at most five messages.
        for (int copy = 0; copy < 8; copy++) {
            consume(consumer, 1, event -> Uni.createFrom().voidItem()
                    .invoke(() -> mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max))
                    .onItem().delayIt().by(Duration.ofMillis(50))
                    .invoke(() -> {
                        running.decrementAndGet();
                        handled.add(event.id().toString());
                    }));
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> handled.size() >= sent.size());
        assertThat(handled).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(mostRunning.get()).isEqualTo(5);
        assertThat(consumer.peakHeld()).isEqualTo(5);
    }

    @Test
    void pollsOnceWhileTheQueueKeepsUpAndWithEveryReceiveThroughABacklog() {
        createQueues(30, 5);
        ReceiveCountingSqs counting = new ReceiveCountingSqs(sqs);
        Set<String> handled = ConcurrentHashMap.newKeySet();
        QueueConsumer consumer = new QueueConsumer(settings(100, 4, 30, 5), counting, codec,
                ((VertxInternal) vertx).createEventLoopContext(), ConsumerObserver.NONE,
                new EventSpans(OpenTelemetry.noop().getTracer("test")), ReceiveGate.ALWAYS_OPEN);
        consume(consumer, 16, event -> delay(Duration.ofMillis(20)).invoke(() -> handled.add(event.id().toString())));

        List<String> trickle = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            trickle.addAll(send(1));
            int before = trickle.size();
            await().atMost(Duration.ofSeconds(10)).until(() -> handled.size() >= before);
        }
        assertThat(counting.mostReceivesInFlightSinceLastAsked()).isEqualTo(1);

        List<String> backlog = send(2_000);
        await().atMost(Duration.ofSeconds(120)).until(() -> handled.size() == trickle.size() + backlog.size());
        assertThat(counting.mostReceivesInFlightSinceLastAsked()).isEqualTo(4);
    }

    /** The handlers' synchronous part runs on the consumer's thread: the next poll does not wait behind it. */
    @Test
    void theNextReceiveLeavesBeforeTheLastOnesMessagesAreHandedOut() {
        createQueues(30, 5);
        send(20);
        ReceiveCountingSqs counting = new ReceiveCountingSqs(sqs);
        List<Integer> receivesSentWhenHandled = new CopyOnWriteArrayList<>();
        QueueConsumer consumer = new QueueConsumer(settings(100, 1, 30, 5), counting, codec,
                ((VertxInternal) vertx).createEventLoopContext(), ConsumerObserver.NONE,
                new EventSpans(OpenTelemetry.noop().getTracer("test")), ReceiveGate.ALWAYS_OPEN);

        consume(consumer, 1, event -> Uni.createFrom().voidItem()
                .invoke(() -> receivesSentWhenHandled.add(counting.receives())));

        await().atMost(Duration.ofSeconds(10)).until(() -> receivesSentWhenHandled.size() == 20);
        // The first receive came back full (10 of the 20): the second had been sent before its first message ran.
        assertThat(receivesSentWhenHandled.get(0)).isEqualTo(2);
    }

    @Test
    void aReceiveThatWasNeitherEmptyNorFullWaitsItsBatchWindowAndGathersWhatArrivesMeanwhile() {
        createQueues(30, 5);
        batchWindow = Duration.ofSeconds(2);
        ReceiveCountingSqs counting = new ReceiveCountingSqs(sqs);
        Set<String> handled = ConcurrentHashMap.newKeySet();
        QueueConsumer consumer = new QueueConsumer(settings(100, 4, 30, 5), counting, codec,
                ((VertxInternal) vertx).createEventLoopContext(), ConsumerObserver.NONE,
                new EventSpans(OpenTelemetry.noop().getTracer("test")), ReceiveGate.ALWAYS_OPEN);
        consume(consumer, 4, event -> Uni.createFrom().voidItem().invoke(() -> handled.add(event.id().toString())));

        send(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> handled.size() == 1);
        int receivesBefore = counting.receives();
        // One by one: without the window the poll waiting for them would come back with the first.
        List<String> trickle = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            trickle.addAll(send(1));
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> handled.containsAll(trickle));
        assertThat(counting.receives() - receivesBefore).isEqualTo(1);
    }

    @Test
    void retriesWithGrowingGapsUntilTheHandlerSucceeds() {
        createQueues(30, 5);
        String id = send(1).get(0);
        List<Instant> attempts = new CopyOnWriteArrayList<>();
        List<String> attempted = new CopyOnWriteArrayList<>();
        consume(consumer(settings(10, 1, 30, 5)), 1, event -> {
            attempts.add(Instant.now());
            attempted.add(event.id().toString());
            return attempts.size() <= 3 ? Uni.createFrom().failure(new IllegalStateException("partner down"))
                    : Uni.createFrom().voidItem();
        });

        await().atMost(Duration.ofSeconds(30)).until(() -> attempts.size() == 4);
        await().atMost(Duration.ofSeconds(10)).until(() -> messagesIn(queueUrl) == 0);
        Duration first = Duration.between(attempts.get(0), attempts.get(1));
        Duration second = Duration.between(attempts.get(1), attempts.get(2));
        Duration third = Duration.between(attempts.get(2), attempts.get(3));
        assertThat(second).isGreaterThan(first);
        assertThat(third).isGreaterThan(second);
        assertThat(deadLetters()).isEmpty();
        assertThat(attempted).containsExactly(id, id, id, id);
    }

    @Test
    void aMessageThatAlwaysFailsEndsInTheDeadLetterQueueWithItsReason() {
        createQueues(30, 3);
        String id = send(1).get(0);
        List<Instant> attempts = new CopyOnWriteArrayList<>();
        consume(consumer(settings(10, 1, 30, 3)), 1, event -> {
            attempts.add(Instant.now());
            return Uni.createFrom().failure(new IllegalStateException("fulfiller keeps timing out"));
        });

        List<software.amazon.awssdk.services.sqs.model.Message> dead = await().atMost(Duration.ofSeconds(30))
                .until(this::deadLetters, list -> !list.isEmpty());

        assertThat(attempts).hasSize(3);
        assertThat(codec.decode(dead.get(0).body()).id()).hasToString(id);
        assertThat(dead.get(0).messageAttributes().get(QueueConsumer.DEAD_LETTER_REASON).stringValue())
                .isEqualTo("failed 3 deliveries, last: fulfiller keeps timing out");
    }

    @Test
    void aPermanentFailureGoesToTheDeadLetterQueueWithoutRetries() {
        createQueues(30, 5);
        send(1);
        List<Instant> attempts = new CopyOnWriteArrayList<>();
        consume(consumer(settings(10, 1, 30, 5)), 1, event -> {
            attempts.add(Instant.now());
            return Uni.createFrom().failure(new PermanentFailure("card declined by processor: 402"));
        });

        List<software.amazon.awssdk.services.sqs.model.Message> dead = await().atMost(Duration.ofSeconds(10))
                .until(this::deadLetters, list -> !list.isEmpty());

        assertThat(attempts).hasSize(1);
        assertThat(dead.get(0).messageAttributes().get(QueueConsumer.DEAD_LETTER_REASON).stringValue())
                .isEqualTo("permanent failure: card declined by processor: 402");
    }

    @Test
    void poisonGoesToTheDeadLetterQueueWhileGoodMessagesKeepFlowing() {
        createQueues(30, 5);
        sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody("{\"not\":\"a cloud event\"}")).join();
        List<String> good = send(100);
        Set<String> handled = ConcurrentHashMap.newKeySet();
        consume(consumer(settings(20, 2, 30, 5)), 4, event -> {
            handled.add(event.id().toString());
            return Uni.createFrom().voidItem();
        });

        await().atMost(Duration.ofSeconds(30)).until(() -> handled.size() == 100);
        List<software.amazon.awssdk.services.sqs.model.Message> dead = await().atMost(Duration.ofSeconds(10))
                .until(this::deadLetters, list -> !list.isEmpty());

        assertThat(handled).containsExactlyInAnyOrderElementsOf(good);
        assertThat(dead).singleElement().satisfies(m -> assertThat(
                m.messageAttributes().get(QueueConsumer.DEAD_LETTER_REASON).stringValue())
                .startsWith("poison: missing required attribute"));
    }

    /** Response events reach every role's queue; a role filtering on ce_type deletes them unseen, never as poison. */
    @Test
    void anEventTypeTheRoleDoesNotWantIsDeletedUnseenNotDeadLettered() {
        createQueues(30, 5);
        EventEnvelope response = EventEnvelope.of(new HttpResponseSent("GET", "/bookings/{id}", 200, 2.5,
                Map.of("id", UUID.randomUUID().toString()), null), "/booking-api", SampleEvents.TIME, "corr-1", null);
        EventEnvelope wanted = SampleEvents.bookingRequestedEvent(null, "10.00", "EUR");
        sendWithAttributes(response);
        sendWithAttributes(wanted);
        RoleFilter filter = RoleFilter.of(Optional.of("{\"ce_type\": [\"" + EventType.BOOKING_REQUESTED.ceType() + "\"]}"),
                Optional.empty()).orElseThrow();
        List<String> handled = new CopyOnWriteArrayList<>();
        consume(consumer(settings(10, 1, 30, 5, filter)), 1, event -> {
            handled.add(event.id().toString());
            return Uni.createFrom().voidItem();
        });

        await().atMost(Duration.ofSeconds(10)).until(() -> !handled.isEmpty() && messagesIn(queueUrl) == 0);

        assertThat(handled).containsExactly(wanted.id().toString());
        assertThat(deadLetters()).isEmpty();
    }

    @Test
    void aHandlerSlowerThanTheVisibilityTimeoutRunsOnce() {
        createQueues(2, 5);
        String id = send(1).get(0);
        List<String> runs = new CopyOnWriteArrayList<>();
        consume(consumer(settings(10, 1, 2, 5)), 2, event -> {
            runs.add(event.id().toString());
            return delay(Duration.ofSeconds(5));
        });

        await().atMost(Duration.ofSeconds(20)).until(() -> !runs.isEmpty() && messagesIn(queueUrl) == 0);

        assertThat(runs).containsExactly(id);
    }

    @Test
    void aHandlerThatNeverCompletesIsAbandonedAfterItsTimeoutAndTheMessageRedelivered() {
        createQueues(2, 5);
        String id = send(1).get(0);
        List<Instant> attempts = new CopyOnWriteArrayList<>();
        List<String> attempted = new CopyOnWriteArrayList<>();
        Outcomes outcomes = new Outcomes();
        QueueConsumer consumer = consumer(settings(10, 1, 2, 5, EventFilter.ACCEPT_ALL, Duration.ofSeconds(4)),
                ReceiveGate.ALWAYS_OPEN, outcomes);
        consume(consumer, 2, event -> {
            attempts.add(Instant.now());
            attempted.add(event.id().toString());
            return attempts.size() == 1 ? Uni.createFrom().nothing() : Uni.createFrom().voidItem();
        });

        // Only once the heartbeat stops extending the hung delivery (visibility 2 s) can SQS deliver it again.
        await().atMost(Duration.ofSeconds(20)).until(() -> attempts.size() == 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> messagesIn(queueUrl) == 0);

        assertThat(attempted).containsExactly(id, id);
        assertThat(Duration.between(attempts.get(0), attempts.get(1))).isGreaterThanOrEqualTo(Duration.ofSeconds(4));
        assertThat(consumer.held()).isZero();
        assertThat(outcomes.timedOut).hasValue(1);
        assertThat(deadLetters()).isEmpty();
    }

    @Test
    void aClosedGateHoldsReceivesAndAProbingGateLetsOneMessageThroughAtATime() {
        createQueues(30, 3);
        List<String> sent = send(6);
        SwitchedGate gate = new SwitchedGate();
        gate.admission.set(ReceiveGate.Admission.CLOSED);
        List<String> handled = new CopyOnWriteArrayList<>();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostRunning = new AtomicInteger();
        consume(consumer(settings(10, 2, 30, 3), gate), 4, event -> Uni.createFrom().voidItem()
                .invoke(() -> mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max))
                .onItem().delayIt().by(Duration.ofMillis(100))
                .invoke(() -> {
                    running.decrementAndGet();
                    handled.add(event.id().toString());
                }));

        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                .until(() -> handled.isEmpty() && visibleMessagesIn(queueUrl) == 6);

        gate.admission.set(ReceiveGate.Admission.ONE_AT_A_TIME);
        await().atMost(Duration.ofSeconds(30)).until(() -> handled.size() == 6);
        assertThat(mostRunning.get()).isEqualTo(1);
        assertThat(handled).containsExactlyInAnyOrderElementsOf(sent);
    }

    @Test
    void aPausedGateReceivesNothingMoreButHandlesTheMessagesItHolds() {
        createQueues(30, 3);
        send(20);
        SwitchedGate gate = new SwitchedGate();
        HeldHandlers handlers = new HeldHandlers();
        QueueConsumer consumer = consumer(settings(4, 1, 30, 3), gate);
        consume(consumer, 2, handlers::handle);
        await().atMost(Duration.ofSeconds(10)).until(() -> handlers.started.size() == 2 && consumer.held() == 4);

        gate.admission.set(ReceiveGate.Admission.PAUSED);
        handlers.release();

        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> handlers.handled.size() == 4);
        assertThat(visibleMessagesIn(queueUrl)).isEqualTo(16);
        gate.admission.set(ReceiveGate.Admission.OPEN);
        await().atMost(Duration.ofSeconds(20)).until(() -> handlers.handled.size() == 20);
    }

    @Test
    void aGateThatTakesFewerAtATimeLeavesTheRestInTheQueueForOtherReplicas() {
        createQueues(30, 3);
        send(20);
        SwitchedGate gate = new SwitchedGate();
        gate.holdAtMost.set(3);
        HeldHandlers handlers = new HeldHandlers();
        QueueConsumer consumer = consumer(settings(20, 2, 30, 3), gate);
        consume(consumer, 8, handlers::handle);

        // Eight handlers and room for twenty, yet three held: the other seventeen stay visible to other replicas.
        await().atMost(Duration.ofSeconds(10)).until(() -> handlers.started.size() == 3);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .until(() -> consumer.held() == 3 && handlers.started.size() == 3);
        assertThat(visibleMessagesIn(queueUrl)).isEqualTo(17);
        handlers.release();
        await().atMost(Duration.ofSeconds(20)).until(() -> handlers.handled.size() == 20);
        assertThat(consumer.peakHeld()).isEqualTo(3);
    }

    @Test
    void aMessageTheGatedDependencyRefusedUntriedIsPutBackNotDeadLettered() {
        createQueues(30, 2);
        String id = send(1).get(0);
        SwitchedGate gate = new SwitchedGate();
        List<String> attempted = new CopyOnWriteArrayList<>();
        Outcomes outcomes = new Outcomes();
        consume(consumer(settings(10, 1, 30, 2), gate, outcomes), 1, event -> {
            attempted.add(event.id().toString());
            return attempted.size() == 1 ? Uni.createFrom().failure(new RefusedUntried())
                    : Uni.createFrom().voidItem();
        });

        await().atMost(Duration.ofSeconds(10)).until(() -> attempted.size() == 2 && messagesIn(queueUrl) == 0);

        assertThat(attempted).containsExactly(id, id);
        assertThat(outcomes.putBack).hasValue(1);
        assertThat(outcomes.failed).hasValue(0);
        assertThat(deadLetters()).isEmpty();
    }

    private static final class Outcomes implements ConsumerObserver {

        final AtomicInteger timedOut = new AtomicInteger();
        final AtomicInteger putBack = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();

        @Override
        public void timedOut(String role) {
            timedOut.incrementAndGet();
        }

        @Override
        public void putBack(String role, int count) {
            putBack.addAndGet(count);
        }

        @Override
        public void failed(String role, Duration handlerTime) {
            failed.incrementAndGet();
        }
    }

    /** Handlers that start every event they get and finish none until {@link #release()}. */
    private static final class HeldHandlers {

        final Set<String> started = ConcurrentHashMap.newKeySet();
        final List<String> handled = new CopyOnWriteArrayList<>();
        private final CompletableFuture<Void> capacity = new CompletableFuture<>();

        Uni<Void> handle(EventEnvelope event) {
            started.add(event.id().toString());
            return Uni.createFrom().completionStage(capacity).invoke(() -> handled.add(event.id().toString()));
        }

        void release() {
            capacity.complete(null);
        }
    }

    /** A gate a test opens and closes, which knows {@link RefusedUntried} as a refusal. */
    private static final class SwitchedGate implements ReceiveGate {

        final AtomicReference<Admission> admission = new AtomicReference<>(Admission.OPEN);
        final AtomicInteger holdAtMost = new AtomicInteger(Integer.MAX_VALUE);

        @Override
        public String channel() {
            return "kit-test";
        }

        @Override
        public Admission admission() {
            return admission.get();
        }

        @Override
        public boolean refusedUntried(Throwable failure) {
            return failure instanceof RefusedUntried;
        }

        @Override
        public Duration putBackFor() {
            return Duration.ofSeconds(1);
        }

        @Override
        public int holdAtMost() {
            return holdAtMost.get();
        }
    }

    private static final class RefusedUntried extends RuntimeException {
    }

    @Test
    void drainingFinishesRunningHandlersAndReleasesTheRestAtOnce() {
        createQueues(30, 5);
        send(20);
        CompletableFuture<Void> gate = new CompletableFuture<>();
        Set<String> started = ConcurrentHashMap.newKeySet();
        Set<String> finished = ConcurrentHashMap.newKeySet();
        QueueConsumer consumer = consumer(settings(10, 1, 30, 5));
        consume(consumer, 2, event -> {
            started.add(event.id().toString());
            return Uni.createFrom().completionStage(gate).invoke(() -> finished.add(event.id().toString()));
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> started.size() == 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> consumer.peakHeld() == 10);

        CompletableFuture<Void> drained = consumer.drain().toCompletableFuture();
        assertThat(drained).isNotDone();
        gate.complete(null);
        drained.orTimeout(20, TimeUnit.SECONDS).join();

        assertThat(finished).isEqualTo(started).hasSize(2);
        assertThat(visibleMessagesIn(queueUrl)).isEqualTo(18);
    }

    @Test
    void twoReplicasShareTheQueueAndHandleEachMessageOnce() {
        createQueues(30, 5);
        List<String> sent = send(500);
        Map<String, Integer> completions = new ConcurrentHashMap<>();
        Function<EventEnvelope, Uni<Void>> handler = event -> delay(Duration.ofMillis(2))
                .invoke(() -> completions.merge(event.id().toString(), 1, Integer::sum));
        QueueConsumer first = consumer(settings(20, 2, 30, 5));
        QueueConsumer second = consumer(settings(20, 2, 30, 5));
        consume(first, 4, handler);
        consume(second, 4, handler);

        await().atMost(Duration.ofSeconds(60)).until(() -> completions.size() == sent.size());
        await().atMost(Duration.ofSeconds(10)).until(() -> messagesIn(queueUrl) == 0);

        assertThat(completions.keySet()).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(completions.values()).containsOnly(1);
        assertThat(first.peakHeld()).isPositive();
        assertThat(second.peakHeld()).isPositive();
    }

    @Test
    void reportsWhyItIsNotReadyWhileItsQueueIsMissing() {
        queue = "kit-missing-" + UUID.randomUUID();
        QueueConsumer consumer = consumer(settings(10, 1, 30, 5));
        assertThat(consumer.unhealthyReason()).isEqualTo("queue " + queue + " not reached yet");

        consume(consumer, 1, event -> Uni.createFrom().voidItem());

        await().atMost(Duration.ofSeconds(10)).until(() -> consumer.unhealthyReason() != null
                && consumer.unhealthyReason().startsWith("queue " + queue + " not reachable"));
    }

    private ConsumerSettings settings(int maxInFlight, int receives, int visibilitySeconds, int maxReceiveCount) {
        return settings(maxInFlight, receives, visibilitySeconds, maxReceiveCount, EventFilter.ACCEPT_ALL);
    }

    private ConsumerSettings settings(int maxInFlight, int receives, int visibilitySeconds, int maxReceiveCount,
            EventFilter filter) {
        return settings(maxInFlight, receives, visibilitySeconds, maxReceiveCount, filter,
                ConsumerSettings.DEFAULT_HANDLER_TIMEOUT);
    }

    private ConsumerSettings settings(int maxInFlight, int receives, int visibilitySeconds, int maxReceiveCount,
            EventFilter filter, Duration handlerTimeout) {
        return new ConsumerSettings("kit-test", queue, true, maxInFlight, receives, 1,
                Duration.ofSeconds(visibilitySeconds), Duration.ofMillis(50), batchWindow,
                new RetrySchedule(new RetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30)), maxReceiveCount),
                Duration.ofSeconds(20), handlerTimeout, filter);
    }

    private void sendWithAttributes(EventEnvelope event) {
        Map<String, MessageAttributeValue> attributes = new HashMap<>();
        MessageAttributes.of(event).forEach((name, value) -> attributes.put(name,
                MessageAttributeValue.builder().dataType("String").stringValue(value).build()));
        sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(codec.encode(event)).messageAttributes(attributes))
                .join();
    }

    private QueueConsumer consumer(ConsumerSettings settings) {
        return consumer(settings, ReceiveGate.ALWAYS_OPEN);
    }

    private QueueConsumer consumer(ConsumerSettings settings, ReceiveGate gate) {
        return consumer(settings, gate, ConsumerObserver.NONE);
    }

    private QueueConsumer consumer(ConsumerSettings settings, ReceiveGate gate, ConsumerObserver observer) {
        return new QueueConsumer(settings, sqs, codec, ((VertxInternal) vertx).createEventLoopContext(),
                observer, new EventSpans(OpenTelemetry.noop().getTracer("test")), gate);
    }

    /** Subscribes like the messaging layer does: the handler's outcome acknowledges or nacks each message. */
    private void consume(QueueConsumer consumer, int concurrency, Function<EventEnvelope, Uni<Void>> handler) {
        subscriptions.add(consumer.stream()
                .onItem().transformToUni((Message<EventEnvelope> message) -> Uni.createFrom().deferred(
                        () -> handler.apply(message.getPayload()))
                        .onItemOrFailure().transformToUni((ok, failure) -> Uni.createFrom().completionStage(
                                failure == null ? message.ack() : message.nack(failure))))
                .merge(concurrency)
                .subscribe().with(ignored -> {
                }));
    }

    private static Uni<Void> delay(Duration duration) {
        return Uni.createFrom().voidItem().onItem().delayIt().by(duration);
    }

    private void createQueues(int visibilitySeconds, int maxReceiveCount) {
        queue = "kit-" + UUID.randomUUID();
        String dlqUrl = sqs.createQueue(r -> r.queueName(queue + "-dlq")).join().queueUrl();
        String dlqArn = sqs.getQueueAttributes(r -> r.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .join().attributes().get(QueueAttributeName.QUEUE_ARN);
        queueUrl = sqs.createQueue(r -> r.queueName(queue).attributes(Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(visibilitySeconds),
                QueueAttributeName.REDRIVE_POLICY,
                "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"" + maxReceiveCount + "\"}")))
                .join().queueUrl();
    }

    private List<String> send(int count) {
        List<String> ids = new ArrayList<>();
        List<CompletableFuture<?>> calls = new ArrayList<>();
        for (int from = 0; from < count; from += 10) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = from; i < Math.min(count, from + 10); i++) {
                EventEnvelope event = SampleEvents.bookingRequestedEvent(null, "10.00", "EUR");
                ids.add(event.id().toString());
                entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i))
                        .messageBody(codec.encode(event)).build());
            }
            calls.add(sqs.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(entries)));
            if (calls.size() == 16) {
                CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
                calls.clear();
            }
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
        return ids;
    }

    private long messagesIn(String url) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).join().attributes();
        return Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    private long visibleMessagesIn(String url) {
        return Long.parseLong(sqs.getQueueAttributes(r -> r.queueUrl(url)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).join().attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
    }

    private List<software.amazon.awssdk.services.sqs.model.Message> deadLetters() {
        String dlqUrl = sqs.getQueueUrl(r -> r.queueName(queue + "-dlq")).join().queueUrl();
        return sqs.receiveMessage(r -> r.queueUrl(dlqUrl).maxNumberOfMessages(10).visibilityTimeout(0)
                .messageAttributeNames("All")).join().messages();
    }
}
