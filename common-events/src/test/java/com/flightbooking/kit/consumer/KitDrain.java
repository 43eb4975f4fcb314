package com.flightbooking.kit.consumer;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.reactive.messaging.Message;

import com.flightbooking.events.EventCodec;
import com.flightbooking.events.EventEnvelope;
import com.flightbooking.kit.tracing.EventSpans;

import io.opentelemetry.api.OpenTelemetry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/** The kit's {@link QueueConsumer} with a handler that acknowledges at once; done when its deletes are flushed. */
final class KitDrain implements QueueDrain {

    private final String name;
    private final SqsAsyncClient sqs;
    private final Vertx vertx;
    private final EventCodec codec;
    private final int maxInFlight;
    private final int receives;

    KitDrain(String name, SqsAsyncClient sqs, Vertx vertx, EventCodec codec, int maxInFlight, int receives) {
        this.name = name;
        this.sqs = sqs;
        this.vertx = vertx;
        this.codec = codec;
        this.maxInFlight = maxInFlight;
        this.receives = receives;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public AutoCloseable drain(String queueName, String queueUrl, int messages) throws InterruptedException {
        ConsumerSettings settings = new ConsumerSettings("bench", queueName, true, maxInFlight, receives, 1,
                Duration.ofSeconds(60), ConsumerSettings.DEFAULT_ACK_FLUSH_INTERVAL,
                ConsumerSettings.DEFAULT_RECEIVE_BATCH_WINDOW,
                new RetrySchedule(new RetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30)), 5),
                Duration.ofSeconds(20), ConsumerSettings.DEFAULT_HANDLER_TIMEOUT, EventFilter.ACCEPT_ALL);
        QueueConsumer consumer = new QueueConsumer(settings, sqs, codec,
                ((VertxInternal) vertx).createEventLoopContext(), ConsumerObserver.NONE,
                new EventSpans(OpenTelemetry.noop().getTracer("bench")), ReceiveGate.ALWAYS_OPEN);
        CountDownLatch done = new CountDownLatch(messages);
        Cancellable subscription = consumer.stream()
                .onItem().transformToUni((Message<EventEnvelope> message) -> Uni.createFrom()
                        .completionStage(message.ack()).invoke(done::countDown))
                .merge(1)
                .subscribe().with(ignored -> {
                });
        if (!done.await(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException(name + " did not drain " + messages + " messages");
        }
        consumer.drain().toCompletableFuture().join();
        return subscription::cancel;
    }
}
