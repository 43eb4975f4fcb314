package com.flightbooking.kit.consumer;

import static com.flightbooking.kit.consumer.Deliveries.delivery;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.vertx.core.Context;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;

/** Held messages stay invisible for as long as they are held, and only those. */
class VisibilityHeartbeatTest {

    private static final Duration VISIBILITY = Duration.ofSeconds(30);

    @RegisterExtension
    static final EventLoops EVENT_LOOPS = new EventLoops();

    private final RecordingSqs sqs = new RecordingSqs();
    private final VisibilityChanges visibility = new VisibilityChanges(Deliveries.ROLE, sqs,
            RecordingSqs.URL_PREFIX + "kit-queue");
    private final Set<SqsDelivery> held = new LinkedHashSet<>();

    @Test
    void eachBeatSetsEveryHeldMessageBackToTheFullVisibilityTimeout() {
        held.addAll(Set.of(delivery(1), delivery(2), delivery(3)));

        heartbeat(null, Duration.ofSeconds(10)).beat();

        assertThat(sqs.visibilityChanges).singleElement().satisfies(r -> assertThat(r.entries())
                .allSatisfy(e -> assertThat(e.visibilityTimeout()).isEqualTo(30))
                .extracting(ChangeMessageVisibilityBatchRequestEntry::receiptHandle)
                .containsExactlyInAnyOrder("receipt-1", "receipt-2", "receipt-3"));
    }

    @Test
    void aMessageNoLongerHeldIsNoLongerExtended() {
        SqsDelivery finished = delivery(1);
        held.add(finished);
        held.add(delivery(2));
        VisibilityHeartbeat heartbeat = heartbeat(null, Duration.ofSeconds(10));
        heartbeat.beat();

        held.remove(finished);
        heartbeat.beat();

        assertThat(sqs.visibilityChanges.get(1).entries())
                .extracting(ChangeMessageVisibilityBatchRequestEntry::receiptHandle).containsExactly("receipt-2");
    }

    @Test
    void aBeatWithNothingHeldCallsNothing() {
        heartbeat(null, Duration.ofSeconds(10)).beat();

        assertThat(sqs.visibilityChanges).isEmpty();
    }

    @Test
    void beatsRepeatFromStartUntilStop() {
        held.add(delivery(1));
        Context context = EVENT_LOOPS.newContext();
        VisibilityHeartbeat heartbeat = heartbeat(context, Duration.ofMillis(20));
        onContext(context, heartbeat::start);

        await().atMost(Duration.ofSeconds(5)).until(() -> sqs.visibilityChanges.size() >= 3);
        onContext(context, heartbeat::stop);
        int beats = sqs.visibilityChanges.size();

        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(1))
                .until(() -> sqs.visibilityChanges.size() == beats);
    }

    private VisibilityHeartbeat heartbeat(Context context, Duration interval) {
        return new VisibilityHeartbeat(context, interval, VISIBILITY, visibility, () -> held);
    }

    private static void onContext(Context context, Runnable action) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        context.runOnContext(v -> {
            action.run();
            done.complete(null);
        });
        done.join();
    }
}
