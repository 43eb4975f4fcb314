package com.flightbooking.kit.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;

/** Batches form while a write runs, never by waiting: the batch writer here completes only when the test says so. */
class WriteCoalescerTest {

    /** Each batch it was given, and the write's completion, which the test controls. */
    private final List<List<String>> batches = new ArrayList<>();
    private final List<CompletableFuture<Integer>> completions = new ArrayList<>();

    private final WriteCoalescer<String, Integer> coalescer = new WriteCoalescer<>(rows -> {
        batches.add(List.copyOf(rows));
        CompletableFuture<Integer> completion = new CompletableFuture<>();
        completions.add(completion);
        return Uni.createFrom().completionStage(completion);
    }, 4);

    @Test
    void aWriteThatFindsNoneRunningStartsAtOnceAlone() {
        UniAssertSubscriber<Integer> first = write("a");

        assertThat(batches).containsExactly(List.of("a"));
        completions.get(0).complete(1);
        first.assertItem(1);
    }

    @Test
    void writesArrivingDuringAWriteGoTogetherInTheNextOneAndEachGetsItsResult() {
        UniAssertSubscriber<Integer> first = write("a");
        UniAssertSubscriber<Integer> second = write("b", "c");
        UniAssertSubscriber<Integer> third = write("d");

        assertThat(batches).containsExactly(List.of("a"));
        completions.get(0).complete(1);

        assertThat(batches).containsExactly(List.of("a"), List.of("b", "c", "d"));
        first.assertItem(1);
        second.assertNotTerminated();
        third.assertNotTerminated();
        completions.get(1).complete(2);
        second.assertItem(2);
        third.assertItem(2);
    }

    @Test
    void aBatchHoldsAtMostTheMaximumRowsAndTheRestGoNext() {
        write("a");
        write("b", "c");
        write("d", "e");
        write("f");
        write("g", "h", "i", "j", "k");

        completions.get(0).complete(1);
        completions.get(1).complete(2);
        completions.get(2).complete(3);

        assertThat(batches).containsExactly(List.of("a"), List.of("b", "c", "d", "e"), List.of("f"),
                List.of("g", "h", "i", "j", "k"));
    }

    @Test
    void aFailedBatchFailsEachOfItsWritesAndTheNextBatchStillGoes() {
        write("a");
        UniAssertSubscriber<Integer> second = write("b");
        UniAssertSubscriber<Integer> third = write("c");
        completions.get(0).complete(1);
        UniAssertSubscriber<Integer> fourth = write("d");

        completions.get(1).completeExceptionally(new IllegalStateException("connection lost"));

        second.assertFailedWith(IllegalStateException.class, "connection lost");
        third.assertFailedWith(IllegalStateException.class, "connection lost");
        assertThat(batches).containsExactly(List.of("a"), List.of("b", "c"), List.of("d"));
        completions.get(2).complete(3);
        fourth.assertItem(3);
    }

    @Test
    void aBatchWriterThatThrowsFailsTheBatchWithoutStoppingTheWritesAfterIt() {
        List<List<String>> written = new ArrayList<>();
        WriteCoalescer<String, Integer> throwingOnce = new WriteCoalescer<>(rows -> {
            written.add(List.copyOf(rows));
            if (written.size() == 1) {
                throw new IllegalArgumentException("cannot bind");
            }
            return Uni.createFrom().item(rows.size());
        }, 4);

        throwingOnce.write(List.of("a")).subscribe().withSubscriber(UniAssertSubscriber.create())
                .assertFailedWith(IllegalArgumentException.class, "cannot bind");
        throwingOnce.write(List.of("b", "c")).subscribe().withSubscriber(UniAssertSubscriber.create()).assertItem(2);
    }

    @Test
    void nothingIsWrittenUntilSomeoneSubscribes() {
        Uni<Integer> notYet = coalescer.write(List.of("a"));

        assertThat(batches).isEmpty();
        notYet.subscribe().withSubscriber(UniAssertSubscriber.create());
        assertThat(batches).containsExactly(List.of("a"));
    }

    @Test
    void aBatchIsWrittenOnTheVertxContextOfItsFirstWriteNotOnThatOfTheBatchBeforeIt() {
        Vertx vertx = Vertx.vertx();
        try {
            Context first = ((VertxInternal) vertx).createEventLoopContext();
            Context second = ((VertxInternal) vertx).createEventLoopContext();
            List<Context> writtenOn = new CopyOnWriteArrayList<>();
            List<CompletableFuture<Integer>> writes = new CopyOnWriteArrayList<>();
            WriteCoalescer<String, Integer> onContexts = new WriteCoalescer<>(rows -> {
                writtenOn.add(Vertx.currentContext());
                CompletableFuture<Integer> write = new CompletableFuture<>();
                writes.add(write);
                return Uni.createFrom().completionStage(write);
            }, 4);

            first.runOnContext(ignored -> onContexts.write(List.of("a")).subscribe().with(item -> {
            }));
            await().atMost(Duration.ofSeconds(5)).until(() -> writes.size() == 1);
            AtomicBoolean secondQueued = new AtomicBoolean();
            second.runOnContext(ignored -> {
                onContexts.write(List.of("b")).subscribe().with(item -> {
                });
                secondQueued.set(true);
            });
            await().atMost(Duration.ofSeconds(5)).untilTrue(secondQueued);
            // The first batch's completion arrives on another thread (here the test's), where the second batch starts.
            writes.get(0).complete(1);

            await().atMost(Duration.ofSeconds(5)).until(() -> writtenOn.size() == 2);
            assertThat(writtenOn).containsExactly(first, second);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    private UniAssertSubscriber<Integer> write(String... rows) {
        return coalescer.write(List.of(rows)).subscribe().withSubscriber(UniAssertSubscriber.create());
    }
}
