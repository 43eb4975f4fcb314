package com.flightbooking.kit.consumer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;

import com.flightbooking.events.EventCodec;
import com.flightbooking.kit.messaging.MessagingConfig;
import com.flightbooking.kit.tracing.EventSpans;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.reactive.messaging.connector.InboundConnector;
import io.smallrye.reactive.messaging.health.HealthReport;
import io.smallrye.reactive.messaging.health.HealthReporter;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * The {@code flights-sqs} connector: each incoming channel is one worker role's queue, consumed by a
 * {@link QueueConsumer}. Channels of roles not listed in {@code flights.messaging.roles} stay idle, so one build runs
 * any subset of roles. On shutdown every consumer drains before the messaging layer stops.
 */
@ApplicationScoped
@Connector(SqsEventConnector.NAME)
public class SqsEventConnector implements InboundConnector, HealthReporter {

    public static final String NAME = "flights-sqs";

    private final SqsAsyncClient sqs;
    private final EventCodec codec;
    private final Vertx vertx;
    private final MessagingConfig messaging;
    private final ConsumerObserver observer;
    private final EventSpans spans;
    private final Instance<ReceiveGate> gates;
    private final List<QueueConsumer> consumers = new CopyOnWriteArrayList<>();
    private final Map<String, QueueConsumer> consumersByRole = new ConcurrentHashMap<>();
    private final Set<String> disabledRoles = ConcurrentHashMap.newKeySet();

    SqsEventConnector(SqsAsyncClient sqs, EventCodec codec, Vertx vertx, MessagingConfig messaging,
            ConsumerObserver observer, EventSpans spans, @Any Instance<ReceiveGate> gates) {
        this.sqs = sqs;
        this.codec = codec;
        this.vertx = vertx;
        this.messaging = messaging;
        this.observer = observer;
        this.spans = spans;
        this.gates = gates;
    }

    @Override
    public Flow.Publisher<? extends Message<?>> getPublisher(Config config) {
        ConsumerSettings settings = ConsumerSettings.from(config, messaging);
        if (!settings.enabled()) {
            // Asked once per copy of the channel (its `concurrency`): said once.
            if (disabledRoles.add(settings.role())) {
                Log.infof("Role %s is not enabled in this process (flights.messaging.roles)", settings.role());
            }
            return Multi.createFrom().nothing();
        }
        // The copies of a channel (its `concurrency`) share one consumer: one set of receives, one bound, one
        // batch of deletes per role, however many handlers run in parallel.
        QueueConsumer consumer = consumersByRole.computeIfAbsent(settings.role(), role -> {
            QueueConsumer created = new QueueConsumer(settings, sqs, codec,
                    ((VertxInternal) vertx).createEventLoopContext(), observer, spans, gateOf(role));
            consumers.add(created);
            observer.started(role, created::held);
            return created;
        });
        return consumer.stream();
    }

    /** The gates the application provides for this role's channel, as one. */
    private ReceiveGate gateOf(String role) {
        return ReceiveGate.allOf(role, gates.stream().filter(gate -> gate.channel().equals(role)).toList());
    }

    // After RoundsInFlight has let the scheduled rounds finish, with the pools and clients still open for both.
    void drainOnShutdown(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE + 1) ShutdownEvent event) {
        if (consumers.isEmpty()) {
            return;
        }
        Duration deadline = consumers.stream().map(c -> c.settings().drainTimeout()).max(Duration::compareTo)
                .orElseThrow();
        Log.infof("Draining %d consumer(s), at most %s", consumers.size(), deadline);
        CompletableFuture<?>[] drains = consumers.stream().map(c -> c.drain().toCompletableFuture())
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(drains).get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            Log.info("Consumers drained");
        } catch (TimeoutException e) {
            Log.warnf("Drain deadline %s passed; unfinished messages will be redelivered", deadline);
        } catch (ExecutionException e) {
            Log.warnf(e, "Drain failed; unfinished messages will be redelivered");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public HealthReport getReadiness() {
        HealthReport.HealthReportBuilder report = HealthReport.builder();
        for (QueueConsumer consumer : consumers) {
            String reason = consumer.unhealthyReason();
            report.add(consumer.settings().role(), reason == null, reason);
        }
        return report.build();
    }
}
