package com.flightbooking.kit.consumer;

import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.reactive.messaging.Message;

import com.flightbooking.events.EventCodec;
import com.flightbooking.events.EventEnvelope;
import com.flightbooking.events.testing.SampleEvents;
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

/**
 * The SQS calls one role makes per message when messages arrive at a steady rate, as in the whole system under load
 * (a preloaded queue, as {@link ConsumerThroughputBenchmark} drains, hides them: every receive comes back full).
 * Messages are sent one by one on a timer to the real emulator and handled in 15 ms each. Arguments: [messages per
 * second] [messages] [max-concurrent-receives] [ack-flush-interval in ms] [receive-batch-window in ms].
 */
public final class ConsumerCallsBenchmark {

    private static final Duration HANDLER_TIME = Duration.ofMillis(15);

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        int messages = args.length > 1 ? Integer.parseInt(args[1]) : 400;
        int receives = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        Duration ackFlush = args.length > 3 ? Duration.ofMillis(Long.parseLong(args[3]))
                : ConsumerSettings.DEFAULT_ACK_FLUSH_INTERVAL;
        Duration batchWindow = args.length > 4 ? Duration.ofMillis(Long.parseLong(args[4]))
                : ConsumerSettings.DEFAULT_RECEIVE_BATCH_WINDOW;
        EventCodec codec = new EventCodec();
        Vertx vertx = Vertx.vertx();
        try (LocalFauxqs fauxqs = LocalFauxqs.start(0, line -> {
        });
                SqsAsyncClient sqs = SqsAsyncClient.builder().endpointOverride(URI.create(fauxqs.endpoint()))
                        .region(Region.US_EAST_1)
                        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                        .build()) {
            String queue = "calls-" + UUID.randomUUID();
            String url = sqs.createQueue(r -> r.queueName(queue)).join().queueUrl();
            ReceiveCountingSqs counting = new ReceiveCountingSqs(sqs);
            QueueConsumer consumer = new QueueConsumer(new ConsumerSettings("bench", queue, true, 50, receives, 5,
                    Duration.ofSeconds(30), ackFlush, batchWindow,
                    new RetrySchedule(new RetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30)), 5),
                    Duration.ofSeconds(20), ConsumerSettings.DEFAULT_HANDLER_TIMEOUT, EventFilter.ACCEPT_ALL),
                    counting, codec, ((VertxInternal) vertx).createEventLoopContext(), ConsumerObserver.NONE,
                    new EventSpans(OpenTelemetry.noop().getTracer("bench")), ReceiveGate.ALWAYS_OPEN);
            CountDownLatch handled = new CountDownLatch(messages);
            Cancellable subscription = consumer.stream()
                    // A Vert.x timer, not Mutiny's delay: its scheduler's thread would keep this JVM from exiting.
                    .onItem().transformToUni((Message<EventEnvelope> message) -> Uni.createFrom()
                            .<Void> emitter(done -> vertx.setTimer(HANDLER_TIME.toMillis(), id -> done.complete(null)))
                            .invoke(handled::countDown)
                            .chain(() -> Uni.createFrom().completionStage(message.ack())))
                    .merge(8)
                    .subscribe().with(ignored -> {
                    });

            long periodNanos = 1_000_000_000L / rate;
            long start = System.nanoTime();
            for (int i = 0; i < messages; i++) {
                long due = start + i * periodNanos;
                TimeUnit.NANOSECONDS.sleep(Math.max(0, due - System.nanoTime()));
                String body = codec.encode(SampleEvents.bookingRequestedEvent(null, "10.00", "EUR"));
                sqs.sendMessage(r -> r.queueUrl(url).messageBody(body));
            }
            if (!handled.await(2, TimeUnit.MINUTES)) {
                throw new IllegalStateException(handled.getCount() + " messages not handled");
            }
            consumer.drain().toCompletableFuture().get(30, TimeUnit.SECONDS);
            subscription.cancel();
            System.out.printf("%d messages/s, %d receives at most, deletes flushed within %d ms, receive batch window"
                    + " %d ms: per message %.2f receives + %.2f delete batches = %.2f SQS calls%n", rate, receives,
                    ackFlush.toMillis(), batchWindow.toMillis(),
                    counting.receives() / (double) messages, counting.deleteBatches() / (double) messages,
                    (counting.receives() + counting.deleteBatches()) / (double) messages);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }
}
