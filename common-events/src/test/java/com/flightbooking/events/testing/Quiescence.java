package com.flightbooking.events.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.awaitility.Awaitility;

import com.flightbooking.kit.messaging.MessagingConfig;
import com.flightbooking.kit.messaging.MessagingNames;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.mutiny.sqlclient.Pool;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Waits until nothing more will happen: the given queues hold no message (waiting, delayed or in flight), the outbox
 * holds no unpublished row, and no handler holds a message. Only then can a test count what happened "once" or
 * "never": counted at the first arrival, a late duplicate would still be on its way. A message travels handler →
 * outbox → topic → queue → handler, and a single look at the steps one after the other can fall between two of them,
 * so quiet has to be seen several times in a row.
 */
public final class Quiescence {

    private static final int QUIET_CHECKS_IN_A_ROW = 3;
    private static final Duration CHECK_EVERY = Duration.ofMillis(100);
    // Generous: a loaded machine may be slow; a quiet system is seen within a few checks.
    private static final Duration AT_MOST = Duration.ofSeconds(60);
    private static final List<QueueAttributeName> COUNTS = List.of(
            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED);

    private final SqsAsyncClient sqs;
    /** Each says what is still going on, or null when its part is idle. */
    private final List<Supplier<String>> probes;

    private Quiescence(SqsAsyncClient sqs, List<Supplier<String>> probes) {
        this.sqs = sqs;
        this.probes = probes;
    }

    /** Nothing to watch yet: add queues, the outbox and the handlers. */
    public static Quiescence of(SqsAsyncClient sqs) {
        return new Quiescence(sqs, List.of());
    }

    /**
     * For a {@code @QuarkusTest}: the queues of the given roles of this app, its outbox and its consumers
     * ({@code flights.consumer.held}).
     */
    public static Quiescence ofThisApp(SqsAsyncClient sqs, Pool pool, MeterRegistry registry, MessagingConfig messaging,
            String... roles) {
        List<String> urls = new ArrayList<>();
        for (String role : roles) {
            String queue = MessagingNames.queue(messaging, role);
            urls.add(sqs.getQueueUrl(r -> r.queueName(queue)).join().queueUrl());
        }
        return of(sqs).queues(urls).outbox(() -> Sql.count(pool,
                "SELECT count(*) FROM outbox WHERE published_at IS NULL")).handlers(() -> held(registry));
    }

    /** These queues hold nothing, neither waiting, nor delayed, nor received and not yet deleted. */
    public Quiescence queues(List<String> queueUrls) {
        Quiescence result = this;
        for (String url : queueUrls) {
            result = result.with(() -> {
                Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(r -> r.queueUrl(url)
                        .attributeNames(COUNTS)).join().attributes();
                long messages = COUNTS.stream().mapToLong(count -> Long.parseLong(attributes.get(count))).sum();
                return messages == 0 ? null : messages + " messages in " + url;
            });
        }
        return result;
    }

    /** No outbox row is waiting to be published. */
    public Quiescence outbox(LongSupplier unpublishedRows) {
        return with(() -> {
            long rows = unpublishedRows.getAsLong();
            return rows == 0 ? null : rows + " unpublished outbox rows";
        });
    }

    /** No handler holds a message: {@code held} is the number held (the {@code flights.consumer.held} gauges). */
    public Quiescence handlers(DoubleSupplier held) {
        return with(() -> {
            double messages = held.getAsDouble();
            return messages == 0 ? null : messages + " messages held by handlers";
        });
    }

    /** Returns once every probe found nothing going on, several checks in a row. */
    public void await() {
        AtomicInteger quietInARow = new AtomicInteger();
        Awaitility.await().atMost(AT_MOST).pollInterval(CHECK_EVERY).pollDelay(Duration.ZERO).untilAsserted(() -> {
            for (Supplier<String> probe : probes) {
                String busy = probe.get();
                if (busy != null) {
                    quietInARow.set(0);
                    throw new AssertionError("not quiet: " + busy);
                }
            }
            if (quietInARow.incrementAndGet() < QUIET_CHECKS_IN_A_ROW) {
                throw new AssertionError("quiet " + quietInARow.get() + " checks in a row");
            }
        });
    }

    private Quiescence with(Supplier<String> probe) {
        List<Supplier<String>> more = new ArrayList<>(probes);
        more.add(probe);
        return new Quiescence(sqs, more);
    }

    private static double held(MeterRegistry registry) {
        return registry.find("flights.consumer.held").gauges().stream().mapToDouble(Gauge::value).sum();
    }
}
