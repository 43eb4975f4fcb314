package com.flightbooking.kit.consumer;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * How fast one role with a no-op handler drains a preloaded queue on the real emulator, with the default settings
 * and with a tuned one. Arguments: [messages per round] [max-in-flight] [max-concurrent-receives] for the tuned run.
 */
public final class ConsumerThroughputBenchmark {

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int tunedInFlight = args.length > 1 ? Integer.parseInt(args[1]) : 400;
        int tunedReceives = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        EventCodec codec = new EventCodec();
        try (LocalFauxqs fauxqs = LocalFauxqs.start(0, line -> {
        });
                SqsAsyncClient sqs = SqsAsyncClient.builder().endpointOverride(URI.create(fauxqs.endpoint()))
                        .region(Region.US_EAST_1)
                        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                        .build()) {
            Vertx vertx = Vertx.vertx();
            String body = codec.encode(SampleEvents.bookingRequestedEvent(null, "10.00", "EUR"));
            System.out.println("warm-up round (5,000 messages, default settings) ...");
            round(sqs, vertx, codec, body, 5_000, 100, 4);
            System.out.printf("default (max-in-flight 100, 4 receives): %,.0f messages/s%n",
                    round(sqs, vertx, codec, body, messages, 100, 4));
            System.out.printf("tuned (max-in-flight %d, %d receives): %,.0f messages/s%n", tunedInFlight,
                    tunedReceives, round(sqs, vertx, codec, body, messages, tunedInFlight, tunedReceives));
            System.out.printf(
                    "emulator ceiling (raw SDK: 16 concurrent receives of 10, batch deletes, no kit): %,.0f messages/s%n",
                    rawSdk(sqs, body, messages));
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    private static double round(SqsAsyncClient sqs, Vertx vertx, EventCodec codec, String body, int messages,
            int maxInFlight, int receives) throws InterruptedException {
        String queue = "bench-" + UUID.randomUUID();
        String url = sqs.createQueue(r -> r.queueName(queue)).join().queueUrl();
        preload(sqs, url, body, messages);
        ConsumerSettings settings = new ConsumerSettings("bench", queue, true, maxInFlight, receives, 1,
                Duration.ofSeconds(60), ConsumerSettings.DEFAULT_ACK_FLUSH_INTERVAL,
                new RetrySchedule(new RetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30)), 5), Duration.ofSeconds(20),
                ConsumerSettings.DEFAULT_HANDLER_TIMEOUT,
                EventFilter.ACCEPT_ALL);
        QueueConsumer consumer = new QueueConsumer(settings, sqs, codec,
                ((VertxInternal) vertx).createEventLoopContext(), ConsumerObserver.NONE,
                new EventSpans(OpenTelemetry.noop().getTracer("test")), ReceiveGate.ALWAYS_OPEN);
        CountDownLatch done = new CountDownLatch(messages);
        long start = System.nanoTime();
        Cancellable subscription = consumer.stream()
                .onItem().transformToUni((Message<EventEnvelope> message) -> Uni.createFrom()
                        .completionStage(message.ack()).invoke(done::countDown))
                .merge(1)
                .subscribe().with(ignored -> {
                });
        if (!done.await(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException("Did not drain " + messages + " messages");
        }
        consumer.drain().toCompletableFuture().join();
        double seconds = (System.nanoTime() - start) / 1e9;
        subscription.cancel();
        return messages / seconds;
    }

    /** The same drain with bare SDK calls, to tell the kit's cost from the emulator's limit. */
    private static double rawSdk(SqsAsyncClient sqs, String body, int messages) {
        String url = sqs.createQueue(r -> r.queueName("bench-raw-" + UUID.randomUUID())).join().queueUrl();
        preload(sqs, url, body, messages);
        AtomicInteger deleted = new AtomicInteger();
        ExecutorService receivers = Executors.newFixedThreadPool(16);
        long start = System.nanoTime();
        List<CompletableFuture<Void>> workers = new ArrayList<>();
        for (int w = 0; w < 16; w++) {
            workers.add(CompletableFuture.runAsync(() -> {
                while (deleted.get() < messages) {
                    var received = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1))
                            .join().messages();
                    if (received.isEmpty()) {
                        continue;
                    }
                    List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
                    for (int i = 0; i < received.size(); i++) {
                        entries.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i))
                                .receiptHandle(received.get(i).receiptHandle()).build());
                    }
                    sqs.deleteMessageBatch(r -> r.queueUrl(url).entries(entries)).join();
                    deleted.addAndGet(received.size());
                }
            }, receivers));
        }
        CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).join();
        double seconds = (System.nanoTime() - start) / 1e9;
        receivers.shutdown();
        return messages / seconds;
    }

    private static void preload(SqsAsyncClient sqs, String url, String body, int messages) {
        List<CompletableFuture<?>> calls = new ArrayList<>();
        for (int from = 0; from < messages; from += 10) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = from; i < Math.min(messages, from + 10); i++) {
                entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i)).messageBody(body).build());
            }
            calls.add(sqs.sendMessageBatch(r -> r.queueUrl(url).entries(entries)));
            if (calls.size() == 32) {
                CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
                calls.clear();
            }
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
    }
}
