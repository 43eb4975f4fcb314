package com.flightbooking.kit.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

import jakarta.interceptor.InvocationContext;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;

/** Shutdown lets running scheduled rounds end, bounded by its timeout, and starts none. */
class RoundsInFlightTest {

    private final RoundsInFlight rounds = new RoundsInFlight(() -> Duration.ofSeconds(30));
    private final FinishesBeforeShutdownInterceptor interceptor = new FinishesBeforeShutdownInterceptor(rounds);

    @Test
    void shutdownWaitsForARunningRoundAndGoesOnAsSoonAsItEnds() throws Exception {
        CompletableFuture<Void> roundWork = new CompletableFuture<>();
        UniAssertSubscriber<Object> round = startUniRound(() -> Uni.createFrom().completionStage(roundWork));
        // The round ends only once shutdown has begun, so the wait below is forced to see it running.
        CompletableFuture.runAsync(() -> {
            await().until(rounds::stopping);
            roundWork.complete(null);
        });

        long start = System.nanoTime();
        int left = rounds.stopAndAwait(Duration.ofSeconds(30));

        assertThat(left).isZero();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        round.assertCompleted();
    }

    @Test
    void aRoundStillRunningAtTheTimeoutIsCountedAndShutdownGoesOn() throws Exception {
        startUniRound(() -> Uni.createFrom().nothing());

        long start = System.nanoTime();
        int left = rounds.stopAndAwait(Duration.ofMillis(200));

        assertThat(left).isEqualTo(1);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    }

    @Test
    void noRoundStartsOnceShutdownHasBegun() throws Exception {
        rounds.stopAndAwait(Duration.ZERO);
        boolean[] ran = { false };

        UniAssertSubscriber<Object> skipped = startUniRound(() -> {
            ran[0] = true;
            return Uni.createFrom().voidItem();
        });
        Object skippedVoid = interceptor.countWhileRunning(new Invocation("voidRound", () -> ran[0] = true));

        assertThat(ran[0]).isFalse();
        skipped.assertCompleted().assertItem(null);
        assertThat(skippedVoid).isNull();
        assertThat(rounds.running()).isZero();
    }

    @Test
    void aRoundEndsWhetherItsUniSucceedsFailsOrIsCancelled() throws Exception {
        startUniRound(() -> Uni.createFrom().voidItem()).assertCompleted();
        startUniRound(() -> Uni.createFrom().failure(new IllegalStateException("database down"))).assertFailed();
        UniAssertSubscriber<Object> cancelled = startUniRound(() -> Uni.createFrom().nothing());
        assertThat(rounds.running()).isEqualTo(1);

        cancelled.cancel();

        assertThat(rounds.running()).isZero();
    }

    @Test
    void aRoundThatIsNotAUniCountsUntilItReturnsOrThrows() throws Exception {
        int[] runningInside = { -1 };
        interceptor.countWhileRunning(new Invocation("voidRound", () -> runningInside[0] = rounds.running()));
        assertThatThrownBy(() -> interceptor.countWhileRunning(new Invocation("voidRound", () -> {
            throw new IllegalStateException("pool closed");
        }))).isInstanceOf(IllegalStateException.class);

        assertThat(runningInside[0]).isEqualTo(1);
        assertThat(rounds.running()).isZero();
    }

    private UniAssertSubscriber<Object> startUniRound(Callable<Uni<?>> body) throws Exception {
        Uni<?> round = (Uni<?>) interceptor.countWhileRunning(new Invocation("uniRound", body));
        return round.map(Object.class::cast).subscribe().withSubscriber(UniAssertSubscriber.create());
    }

    // The shapes of the scheduled methods the interceptor sees.
    Uni<Void> uniRound() {
        return Uni.createFrom().voidItem();
    }

    void voidRound() {
    }

    private static final class Invocation implements InvocationContext {

        private final Method method;
        private final Callable<?> body;

        Invocation(String method, Callable<?> body) throws NoSuchMethodException {
            this.method = RoundsInFlightTest.class.getDeclaredMethod(method);
            this.body = body;
        }

        @Override
        public Object proceed() throws Exception {
            return body.call();
        }

        @Override
        public Method getMethod() {
            return method;
        }

        @Override
        public Object getTarget() {
            return null;
        }

        @Override
        public Object getTimer() {
            return null;
        }

        @Override
        public Constructor<?> getConstructor() {
            return null;
        }

        @Override
        public Object[] getParameters() {
            return new Object[0];
        }

        @Override
        public void setParameters(Object[] params) {
        }

        @Override
        public Map<String, Object> getContextData() {
            return new HashMap<>();
        }
    }
}
