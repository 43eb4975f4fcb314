package com.flightbooking.kit.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;

import com.flightbooking.events.UndecodableEventException;
import com.flightbooking.kit.consumer.FailurePolicy.DeadLetter;
import com.flightbooking.kit.consumer.FailurePolicy.Retry;

/** Retry or dead letter, from the delivery count and the handler's failure. */
class FailurePolicyTest {

    private final FailurePolicy policy = new FailurePolicy(
            new RetrySchedule(new RetryBackoff(Duration.ofSeconds(10), Duration.ofMinutes(5)), 5));

    @Test
    void aFailureBeforeTheLastAllowedReceiveIsRetriedAfterTheBackoff() {
        assertThat(policy.decide(1, new IllegalStateException("partner down")))
                .isInstanceOfSatisfying(Retry.class, retry -> {
                    assertThat(retry.reason()).isEqualTo("partner down");
                    assertThat(retry.visibilitySeconds()).isBetween(8, 12);
                });
        assertThat(policy.decide(4, new IllegalStateException("partner down")))
                .isInstanceOfSatisfying(Retry.class, retry -> assertThat(retry.visibilitySeconds()).isBetween(64, 96));
    }

    @Test
    void aRetryAfterLongerThanTheBackoffIsWaitedForAndAShorterOneChangesNothing() {
        assertThat(policy.decide(1, new CompletionException(new Busy(Duration.ofSeconds(120)))))
                .isInstanceOfSatisfying(Retry.class, retry -> assertThat(retry.visibilitySeconds()).isEqualTo(120));
        assertThat(policy.decide(1, new Busy(Duration.ofMillis(1_500))))
                .isInstanceOfSatisfying(Retry.class, retry -> assertThat(retry.visibilitySeconds()).isBetween(8, 12));
        assertThat(policy.decide(1, new Busy(Duration.ofDays(2))))
                .isInstanceOfSatisfying(Retry.class, retry -> assertThat(retry.visibilitySeconds()).isEqualTo(43_200));
    }

    @Test
    void theLastAllowedReceiveDeadLetters() {
        assertThat(policy.decide(5, new IllegalStateException("fulfiller keeps timing out")))
                .isEqualTo(new DeadLetter("failed 5 deliveries, last: fulfiller keeps timing out"));
    }

    /** SQS's receive count is approximate: it may pass the limit before the consumer sees the last one. */
    @Test
    void aReceiveBeyondTheLimitDeadLettersToo() {
        assertThat(policy.decide(7, new IllegalStateException("partner down")))
                .isEqualTo(new DeadLetter("failed 7 deliveries, last: partner down"));
    }

    @Test
    void aPermanentFailureDeadLettersOnTheFirstReceive() {
        assertThat(policy.decide(1, new PermanentFailure("card declined by processor: 402")))
                .isEqualTo(new DeadLetter("permanent failure: card declined by processor: 402"));
    }

    @Test
    void aPermanentFailureWrappedByTheHandlersPipelineIsStillPermanent() {
        CompletionException wrapped = new CompletionException("charge failed",
                new PermanentFailure("card declined by processor: 402"));

        assertThat(policy.decide(1, wrapped)).isEqualTo(new DeadLetter("permanent failure: charge failed"));
    }

    @Test
    void anEventTheHandlerCannotDecodeIsPermanent() {
        assertThat(policy.decide(2, new UndecodableEventException("unsupported version 3 of booking.requested")))
                .isEqualTo(new DeadLetter("permanent failure: unsupported version 3 of booking.requested"));
    }

    @Test
    void aFailureWithoutAMessageIsNamedByItsClass() {
        assertThat(policy.decide(1, new NullPointerException()))
                .isInstanceOfSatisfying(Retry.class,
                        retry -> assertThat(retry.reason()).isEqualTo(NullPointerException.class.getName()));
    }

    private static final class Busy extends RuntimeException implements RetryAfter {

        private final Duration wait;

        Busy(Duration wait) {
            super("partner busy");
            this.wait = wait;
        }

        @Override
        public Optional<Duration> retryAfter() {
            return Optional.of(wait);
        }
    }
}
