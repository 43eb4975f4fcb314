package com.flightbooking.kit.consumer;

import java.util.Optional;

import com.flightbooking.events.UndecodableEventException;

/**
 * What becomes of a delivery whose handler failed: the dead-letter queue at once when retrying cannot help
 * ({@link PermanentFailure}, {@link UndecodableEventException}, also as a cause), or on the last delivery the queue
 * allows ({@code maxReceiveCount}); otherwise another attempt once the backoff has passed (or the wait the failure asks
 * for, {@link RetryAfter}, when longer), as the message's visibility timeout.
 */
record FailurePolicy(RetrySchedule schedule) {

    sealed interface Decision permits Retry, DeadLetter {
    }

    /** Leave the message invisible for {@code visibilitySeconds}; SQS delivers it again after that. */
    record Retry(int visibilitySeconds, String reason) implements Decision {
    }

    record DeadLetter(String reason) implements Decision {
    }

    static FailurePolicy of(ConsumerSettings settings) {
        return new FailurePolicy(settings.retry());
    }

    /** {@code receiveCount}: SQS's ApproximateReceiveCount of the failed delivery, 1 on the first. */
    Decision decide(int receiveCount, Throwable failure) {
        String reason = describe(failure);
        if (isPermanent(failure)) {
            return new DeadLetter("permanent failure: " + reason);
        }
        if (receiveCount >= schedule.maxReceiveCount()) {
            return new DeadLetter("failed " + receiveCount + " deliveries, last: " + reason);
        }
        int backoffSeconds = schedule.backoff().visibilitySecondsAfter(receiveCount);
        return new Retry(retryAfterSeconds(failure).map(hint -> Math.max(backoffSeconds, hint)).orElse(backoffSeconds),
                reason);
    }

    /** The longest wait a failure asks for ({@link RetryAfter}), in whole seconds within what SQS allows. */
    private static Optional<Integer> retryAfterSeconds(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RetryAfter hint && hint.retryAfter().isPresent()) {
                long seconds = (long) Math.ceil(hint.retryAfter().get().toMillis() / 1000.0);
                return Optional.of((int) Math.max(0, Math.min(RetryBackoff.SQS_MAX_SECONDS, seconds)));
            }
        }
        return Optional.empty();
    }

    private static boolean isPermanent(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PermanentFailure || cause instanceof UndecodableEventException) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable failure) {
        return failure.getMessage() != null ? failure.getMessage() : failure.getClass().getName();
    }
}
