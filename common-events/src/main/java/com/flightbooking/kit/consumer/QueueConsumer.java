package com.flightbooking.kit.consumer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import com.flightbooking.events.BookingEvent;
import com.flightbooking.events.EventCodec;
import com.flightbooking.events.EventEnvelope;
import com.flightbooking.kit.consumer.DeliveryClassifier.Classification;
import com.flightbooking.kit.consumer.DeliveryClassifier.Handle;
import com.flightbooking.kit.consumer.DeliveryClassifier.Poison;
import com.flightbooking.kit.consumer.FailurePolicy.DeadLetter;
import com.flightbooking.kit.consumer.FailurePolicy.Decision;
import com.flightbooking.kit.consumer.FailurePolicy.Retry;
import com.flightbooking.kit.consumer.ReceiveGate.Admission;
import com.flightbooking.kit.messaging.MessageAttributes;
import com.flightbooking.kit.tracing.EventSpans;
import com.flightbooking.kit.tracing.LogFields;

import io.opentelemetry.api.trace.Span;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.smallrye.reactive.messaging.providers.locals.LocalContextMetadata;
import io.vertx.core.Context;
import io.vertx.core.impl.ContextInternal;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * Consumes one role's queue as a stream of decoded events, with the guarantees the workers rely on:
 * <ul>
 * <li>at most {@code maxInFlight} messages are held (received and not yet finished), fewer if the role's
 * {@link ReceiveGate#holdAtMost() gate} says so; polling pauses at the bound
 * and resumes as handlers finish, and messages are emitted only on downstream demand;</li>
 * <li>acknowledgements are batched deletes, flushed within {@code ackFlushInterval};</li>
 * <li>a failed message comes back after an exponential backoff (its visibility timeout), and goes to the
 * dead-letter queue with the reason on its last allowed delivery, or at once when the failure is permanent or the
 * message cannot be decoded (poison);</li>
 * <li>while a message is held its visibility is extended, so a slow handler never sees a second delivery; a handler
 * still running after {@code handlerTimeout} is abandoned and its message retried like a failed one;</li>
 * <li>the role's {@link ReceiveGate} holds receives while what its handlers need is down, and puts back the messages
 * held and not started;</li>
 * <li>{@link #drain()} stops polling, releases unstarted messages at once and waits for running handlers.</li>
 * </ul>
 * All state is confined to one Vert.x event-loop context. Each message is handled on a fresh duplicate of it that
 * carries the message's consumer span (continuing the publisher's trace) and its correlation and booking ids in the
 * log context, so every span and log line the handler produces belongs to the booking.
 * <p>
 * This class receives, bounds and hands out messages; the decisions about them are its strategies':
 * {@link DeliveryClassifier} (handle, skip or poison), {@link FailurePolicy} (retry or dead-letter),
 * {@link DeadLetterer}, {@link VisibilityHeartbeat} and {@link VisibilityChanges}.
 */
public final class QueueConsumer {

    private static final int SQS_BATCH = 10;
    /** How often a closed gate is asked again; asking costs no SQS call. */
    private static final long GATE_CHECK_MILLIS = 500;
    private static final String RECEIVE_COUNT = MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT.toString();
    public static final String DEAD_LETTER_REASON = "dlq_reason";
    public static final String DEAD_LETTER_RECEIVE_COUNT = "dlq_receive_count";

    private final ConsumerSettings settings;
    private final SqsAsyncClient sqs;
    private final Context context;
    private final ConsumerObserver observer;
    private final EventSpans spans;
    private final DeliveryClassifier classifier;
    private final FailurePolicy failurePolicy;
    private final ReceiveGate gate;

    private final Deque<SqsDelivery> unstarted = new ArrayDeque<>();
    /**
     * Held deliveries by receipt handle (unique to each receive): a delivery record's own hash and equality walk its
     * attributes and decoded event, several times per message.
     */
    private final Map<String, SqsDelivery> held = new LinkedHashMap<>();
    /** The handler-timeout timer of each message a handler runs (by identity, for the same reason). */
    private final Map<SqsDelivery, Long> handlerTimers = new IdentityHashMap<>();
    /** One per subscriber: SmallRye subscribes once per copy of the channel (its {@code concurrency}). */
    private final List<MultiEmitter<? super Message<EventEnvelope>>> emitters = new ArrayList<>();
    private int nextEmitter;
    private boolean started;
    private String queueUrl;
    private DeleteBatcher deletes;
    private VisibilityChanges visibility;
    private VisibilityHeartbeat heartbeat;
    private DeadLetterer deadLetterer;
    private int receivesInFlight;
    /** Whether the last receive came back with all it asked for: only then is a backlog likely. */
    private boolean lastReceiveFull;
    private int slotsReserved;
    private int consecutiveReceiveFailures;
    private boolean receivesPaused;
    /** Set for {@code receive-batch-window} after a receive that was neither empty nor full. */
    private boolean gatheringBatch;
    private boolean gateCheckScheduled;
    private Admission lastAdmission = Admission.OPEN;
    private boolean draining;
    private CompletableFuture<Void> drained;
    private final List<CompletableFuture<Void>> releases = new ArrayList<>();
    private volatile int peakHeld;
    private volatile int heldNow;
    private volatile String unhealthyReason;

    public QueueConsumer(ConsumerSettings settings, SqsAsyncClient sqs, EventCodec codec, Context context,
            ConsumerObserver observer, EventSpans spans, ReceiveGate gate) {
        this.settings = settings;
        this.unhealthyReason = "queue " + settings.queue() + " not reached yet";
        this.sqs = sqs;
        this.context = context;
        this.observer = observer;
        this.spans = spans;
        this.classifier = new DeliveryClassifier(codec, settings.filter());
        this.failurePolicy = FailurePolicy.of(settings);
        this.gate = gate;
    }

    public ConsumerSettings settings() {
        return settings;
    }

    /**
     * The events of the queue, each acknowledged or nacked by its handler. Every call is another subscriber sharing
     * this consumer's receives, bound and acknowledgements; each message goes to one subscriber that asked for it.
     */
    public Multi<Message<EventEnvelope>> stream() {
        return Multi.createFrom().<Message<EventEnvelope>> emitter(e -> context.runOnContext(v -> start(e)),
                BackPressureStrategy.ERROR);
    }

    /** Null while the consumer reaches its queue; otherwise why it does not. */
    public String unhealthyReason() {
        return unhealthyReason;
    }

    /** How many messages this consumer holds now (received, not yet finished). */
    public int held() {
        return heldNow;
    }

    /** The most messages this consumer ever held at once. */
    public int peakHeld() {
        return peakHeld;
    }

    /** Stops polling, releases unstarted messages, waits for running handlers and flushes acknowledgements. */
    public CompletionStage<Void> drain() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        context.runOnContext(v -> {
            draining = true;
            drained = done;
            List<SqsDelivery> release = new ArrayList<>(unstarted);
            unstarted.clear();
            release.forEach(this::removeHeld);
            if (!release.isEmpty()) {
                releases.add(visibility.set(release, 0));
            }
            completeDrainIfIdle();
        });
        return done;
    }

    private void start(MultiEmitter<? super Message<EventEnvelope>> emitter) {
        emitters.add(emitter);
        emitter.onRequest(n -> context.runOnContext(v -> pump()));
        emitter.onTermination(() -> context.runOnContext(v -> {
            emitters.remove(emitter);
            if (emitters.isEmpty()) {
                draining = true;
            }
        }));
        if (!started) {
            started = true;
            resolveQueues();
        } else {
            pump();
        }
    }

    private void resolveQueues() {
        sqs.getQueueUrl(r -> r.queueName(settings.queue())).whenComplete((url, failure) -> context.runOnContext(v -> {
            if (failure != null) {
                unhealthyReason = "queue " + settings.queue() + " not reachable: " + failure.getMessage();
                Log.warnf("Role %s cannot reach its queue %s, retrying: %s", settings.role(), settings.queue(),
                        failure.getMessage());
                context.owner().setTimer(2_000, id -> resolveQueues());
                return;
            }
            String resolved = url.queueUrl();
            deletes = new DeleteBatcher(sqs, context, resolved, settings.ackFlushInterval().toMillis());
            visibility = new VisibilityChanges(settings.role(), sqs, resolved);
            unhealthyReason = null;
            heartbeat = new VisibilityHeartbeat(context, settings.heartbeatInterval(), settings.visibilityTimeout(),
                    visibility, held::values);
            heartbeat.start();
            deadLetterer = new DeadLetterer(settings, sqs, context, observer, visibility, deletes);
            // Receiving waits for the dead-letter queue's lookup (it completes on this context): a permanent failure
            // received before it would find no queue, and be delivered again instead of dead-lettered at once.
            deadLetterer.locateQueue().thenRun(() -> {
                queueUrl = resolved;
                Log.infof("Role %s consumes %s (at most %d held, %d concurrent receives; a failing event is delivered"
                        + " %d times over at least %s)", settings.role(), queueUrl, settings.maxInFlight(),
                        settings.maxConcurrentReceives(), settings.maxReceiveCount(),
                        settings.retry().shortestSpan().toString().substring(2).toLowerCase(Locale.ROOT));
                pump();
            });
        }));
    }

    private void pump() {
        if (emitters.isEmpty()) {
            return;
        }
        Admission admission = admission();
        // Receives first: the handlers' synchronous part runs on this thread as messages are emitted, and the next
        // poll should not wait behind it. The room a receive reserves already counts every message held.
        int batch = admission == Admission.ONE_AT_A_TIME ? 1 : SQS_BATCH;
        while (!draining && !receivesPaused && !gatheringBatch && queueUrl != null && mayReceive(admission)
                && receivesInFlight < concurrentReceives() && receive(batch)) {
            // receive() reserved room and sent a request
        }
        MultiEmitter<? super Message<EventEnvelope>> ready;
        while (!unstarted.isEmpty() && mayStartAnother(admission) && (ready = nextReadyEmitter()) != null) {
            emit(ready, unstarted.poll());
        }
        heldNow = held.size();
        completeDrainIfIdle();
    }

    /**
     * One long poll while the queue keeps up, up to {@code max-concurrent-receives} while receives come back full.
     * Without a backlog a second poll only splits the same messages over more calls (SQS answers a poll as soon as
     * one message is there), each one a receive and a delete of its own.
     */
    private int concurrentReceives() {
        return lastReceiveFull ? settings.maxConcurrentReceives() : 1;
    }

    /**
     * The gate's answer; while it is closed, unstarted messages go back; while it is closed or paused, the gate is asked
     * again soon.
     */
    private Admission admission() {
        Admission admission = gate.admission();
        if (admission != lastAdmission) {
            // A pause lasts until the dependency's next slot of capacity (a second or less) and comes and goes with
            // load: logged, it would fill the log.
            Log.logf(admission == Admission.PAUSED || lastAdmission == Admission.PAUSED && admission == Admission.OPEN
                    ? Logger.Level.DEBUG
                    : Logger.Level.INFO, "Role %s: receiving %s", settings.role(), switch (admission) {
                        case OPEN -> "as usual again";
                        case PAUSED -> "nothing more for now: its handlers wait for what they need";
                        case ONE_AT_A_TIME -> "one message at a time, to probe what its handlers need";
                        case CLOSED -> "held: what its handlers need is down";
                    });
            lastAdmission = admission;
        }
        if (admission == Admission.CLOSED) {
            putBack(new ArrayList<>(unstarted));
            unstarted.clear();
        }
        // Handlers finishing ask again; this covers a gate that opens while none runs here.
        if (admission == Admission.CLOSED || admission == Admission.PAUSED) {
            if (!gateCheckScheduled && !draining) {
                gateCheckScheduled = true;
                context.owner().setTimer(GATE_CHECK_MILLIS, id -> {
                    gateCheckScheduled = false;
                    pump();
                });
            }
        }
        return admission;
    }

    private boolean mayStartAnother(Admission admission) {
        return switch (admission) {
            case OPEN, PAUSED -> true;
            case ONE_AT_A_TIME -> held.size() == unstarted.size();
            case CLOSED -> false;
        };
    }

    private boolean mayReceive(Admission admission) {
        return switch (admission) {
            case OPEN -> true;
            case ONE_AT_A_TIME -> held.isEmpty() && receivesInFlight == 0;
            case PAUSED, CLOSED -> false;
        };
    }

    /** Back to the queue, invisible for as long as the gate says, without counting as a failed attempt. */
    private void putBack(List<SqsDelivery> deliveries) {
        if (deliveries.isEmpty()) {
            return;
        }
        deliveries.forEach(this::removeHeld);
        observer.putBack(settings.role(), deliveries.size());
        long seconds = (long) Math.ceil(gate.putBackFor().toMillis() / 1000.0);
        visibility.set(deliveries, (int) Math.max(0, Math.min(RetryBackoff.SQS_MAX_SECONDS, seconds)));
    }

    /** Round robin over the subscribers that asked for more, so concurrent handlers share the work. */
    private MultiEmitter<? super Message<EventEnvelope>> nextReadyEmitter() {
        for (int i = 0; i < emitters.size(); i++) {
            MultiEmitter<? super Message<EventEnvelope>> candidate = emitters.get((nextEmitter + i) % emitters.size());
            if (!candidate.isCancelled() && candidate.requested() > 0) {
                nextEmitter = (nextEmitter + i + 1) % emitters.size();
                return candidate;
            }
        }
        return null;
    }

    private boolean receive(int batch) {
        int room = Math.min(settings.maxInFlight(), gate.holdAtMost()) - held.size() - slotsReserved;
        if (room <= 0) {
            return false;
        }
        int size = Math.min(batch, room);
        receivesInFlight++;
        slotsReserved += size;
        sqs.receiveMessage(r -> r.queueUrl(queueUrl)
                .maxNumberOfMessages(size)
                .waitTimeSeconds(settings.waitTimeSeconds())
                .messageAttributeNames("All")
                .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT,
                        MessageSystemAttributeName.SENT_TIMESTAMP))
                .whenComplete((response, failure) -> context.runOnContext(v -> {
                    receivesInFlight--;
                    slotsReserved -= size;
                    if (failure != null) {
                        lastReceiveFull = false;
                        receiveFailed(failure);
                    } else {
                        lastReceiveFull = response.messages().size() >= size;
                        received(response);
                        if (!lastReceiveFull && !response.messages().isEmpty()) {
                            gatherNextBatch();
                        }
                    }
                    pump();
                }));
        return true;
    }

    /** The next receive after {@code receive-batch-window}, so that it brings what arrives meanwhile in one call. */
    private void gatherNextBatch() {
        long window = settings.receiveBatchWindow().toMillis();
        if (window <= 0 || gatheringBatch) {
            return;
        }
        gatheringBatch = true;
        context.owner().setTimer(window, id -> {
            gatheringBatch = false;
            pump();
        });
    }

    private void received(ReceiveMessageResponse response) {
        consecutiveReceiveFailures = 0;
        unhealthyReason = null;
        Instant now = Instant.now();
        List<SqsDelivery> release = new ArrayList<>();
        for (software.amazon.awssdk.services.sqs.model.Message message : response.messages()) {
            observer.received(settings.role());
            Map<String, String> systemAttributes = message.attributesAsStrings();
            int receiveCount = Integer.parseInt(systemAttributes.getOrDefault(RECEIVE_COUNT, "1"));
            if (draining) {
                release.add(new SqsDelivery(settings.role(), message.messageId(), message.receiptHandle(),
                        receiveCount, message.messageAttributes(), message.body(), null, now));
                continue;
            }
            Classification classification = classifier.classify(message.messageAttributes(), message.body());
            if (classification instanceof Handle handle) {
                SqsDelivery delivery = new SqsDelivery(settings.role(), message.messageId(), message.receiptHandle(),
                        receiveCount, message.messageAttributes(), message.body(), handle.event(), now,
                        SqsDelivery.sentAt(systemAttributes));
                unstarted.add(delivery);
                held.put(delivery.receiptHandle(), delivery);
            } else if (classification instanceof Poison poison) {
                SqsDelivery delivery = new SqsDelivery(settings.role(), message.messageId(),
                        message.receiptHandle(), receiveCount, message.messageAttributes(), message.body(), null, now);
                deadLetterer.deadLetter(delivery, poison.reason(), null);
            } else {
                observer.filtered(settings.role());
                deletes.add(message.receiptHandle());
            }
        }
        peakHeld = Math.max(peakHeld, held.size());
        if (!release.isEmpty()) {
            releases.add(visibility.set(release, 0));
        }
    }

    private void receiveFailed(Throwable failure) {
        consecutiveReceiveFailures++;
        unhealthyReason = "receiving from " + settings.queue() + " fails: " + failure.getMessage();
        long backoff = Math.min(30_000, 100L << Math.min(8, consecutiveReceiveFailures));
        if (consecutiveReceiveFailures == 1 || consecutiveReceiveFailures % 20 == 0) {
            Log.warnf("Role %s: receive failed (%d in a row), retrying in %d ms: %s", settings.role(),
                    consecutiveReceiveFailures, backoff, failure.getMessage());
        }
        receivesPaused = true;
        context.owner().setTimer(backoff, id -> {
            receivesPaused = false;
            pump();
        });
    }

    private void emit(MultiEmitter<? super Message<EventEnvelope>> emitter, SqsDelivery delivery) {
        long started = System.nanoTime();
        Span span = spans.processing(settings.role(), settings.queue(), delivery.messageId(),
                attribute(delivery, MessageAttributes.TRACEPARENT), delivery.event());
        ContextInternal handlerContext = handlerContext(delivery.event(), span);
        Message<EventEnvelope> message = Message.of(delivery.event(),
                Metadata.of(delivery, new LocalContextMetadata(handlerContext)),
                metadata -> {
                    EventSpans.end(span, null);
                    context.runOnContext(v -> succeeded(delivery, started));
                    return CompletableFuture.completedFuture(null);
                },
                (failure, metadata) -> {
                    EventSpans.end(span, failure);
                    context.runOnContext(v -> failed(delivery, failure, started, handlerContext));
                    return CompletableFuture.completedFuture(null);
                });
        handlerTimers.put(delivery, context.owner().setTimer(settings.handlerTimeout().toMillis(),
                id -> timedOut(delivery, handlerContext)));
        emitter.emit(message);
    }

    /** A duplicate of the consumer's context with the span current and the ids in the log context. */
    private ContextInternal handlerContext(EventEnvelope event, Span span) {
        ContextInternal handlerContext = ((ContextInternal) context).duplicate();
        // Both live in the duplicate's local data, which is discarded with it: no scope to close.
        handlerContext.dispatch(() -> {
            io.opentelemetry.context.Context.root().with(span).makeCurrent();
            if (event.correlationId() != null) {
                MDC.put(LogFields.CORRELATION_ID, event.correlationId());
            }
            if (event.data() instanceof BookingEvent) {
                MDC.put(LogFields.BOOKING_ID, event.subject());
            }
        });
        return handlerContext;
    }

    private static String attribute(SqsDelivery delivery, String name) {
        MessageAttributeValue value = delivery.attributes().get(name);
        return value == null ? null : value.stringValue();
    }

    private void succeeded(SqsDelivery delivery, long startedNanos) {
        cancelHandlerTimer(delivery);
        if (!removeHeld(delivery)) {
            return;
        }
        observer.handled(settings.role(), Duration.ofNanos(System.nanoTime() - startedNanos));
        deletes.add(delivery.receiptHandle());
        pump();
    }

    private void failed(SqsDelivery delivery, Throwable failure, long startedNanos, ContextInternal handlerContext) {
        cancelHandlerTimer(delivery);
        if (!isHeld(delivery)) {
            return;
        }
        Decision decision = failurePolicy.decide(delivery.receiveCount(), failure);
        if (decision instanceof Retry retry && gate.refusedUntried(failure)) {
            HandlerLogging.in(handlerContext, () -> Log.debugf("Role %s: message %s put back untried: %s",
                    settings.role(), delivery.messageId(), retry.reason()));
            putBack(List.of(delivery));
        } else {
            removeHeld(delivery);
            observer.failed(settings.role(), Duration.ofNanos(System.nanoTime() - startedNanos));
            retryOrDeadLetter(delivery, decision, handlerContext);
        }
        pump();
    }

    /**
     * The handler has run past {@code handlerTimeout}: the consumer stops waiting for it (its result, whenever it
     * comes, is ignored), stops extending the message's visibility and retries it like a failed one.
     */
    private void timedOut(SqsDelivery delivery, ContextInternal handlerContext) {
        handlerTimers.remove(delivery);
        if (!removeHeld(delivery)) {
            return;
        }
        observer.timedOut(settings.role());
        String reason = "handler still running after " + settings.handlerTimeout().toString().substring(2)
                .toLowerCase(Locale.ROOT) + " (handler-timeout), abandoned";
        retryOrDeadLetter(delivery, failurePolicy.decide(delivery.receiveCount(), new TimeoutException(reason)),
                handlerContext);
        pump();
    }

    /** Whether this delivery was held, and is no longer. */
    private boolean removeHeld(SqsDelivery delivery) {
        if (!isHeld(delivery)) {
            return false;
        }
        held.remove(delivery.receiptHandle());
        return true;
    }

    private boolean isHeld(SqsDelivery delivery) {
        return held.get(delivery.receiptHandle()) == delivery;
    }

    private void cancelHandlerTimer(SqsDelivery delivery) {
        Long timer = handlerTimers.remove(delivery);
        if (timer != null) {
            context.owner().cancelTimer(timer);
        }
    }

    private void retryOrDeadLetter(SqsDelivery delivery, Decision decision, ContextInternal handlerContext) {
        if (decision instanceof DeadLetter deadLetter) {
            deadLetterer.deadLetter(delivery, deadLetter.reason(), handlerContext);
        } else if (decision instanceof Retry retry) {
            observer.retried(settings.role());
            HandlerLogging.in(handlerContext, () -> Log.warnf(
                    "Role %s: delivery %d of message %s failed, next attempt in %d s: %s", settings.role(),
                    delivery.receiveCount(), delivery.messageId(), retry.visibilitySeconds(), retry.reason()));
            visibility.set(List.of(delivery), retry.visibilitySeconds());
        }
    }

    private void completeDrainIfIdle() {
        if (!draining || drained == null || !held.isEmpty() || receivesInFlight > 0) {
            return;
        }
        CompletableFuture<Void> done = drained;
        drained = null;
        if (heartbeat != null) {
            heartbeat.stop();
        }
        CompletionStage<Void> flushed = deletes == null ? CompletableFuture.completedFuture(null) : deletes.flush();
        CompletableFuture.allOf(releases.toArray(CompletableFuture[]::new))
                .thenCombine(flushed.toCompletableFuture(), (a, b) -> null)
                .whenComplete((ok, failure) -> done.complete(null));
    }
}
