package com.flightbooking.kit.consumer;

import java.time.Duration;
import java.util.function.IntSupplier;

/** What a consumer reports as it works; the metrics implement it. */
public interface ConsumerObserver {

    ConsumerObserver NONE = new ConsumerObserver() {
    };

    /** A new consumer for {@code role}; {@code held} tells how many messages it holds right now. */
    default void started(String role, IntSupplier held) {
    }

    default void received(String role) {
    }

    default void filtered(String role) {
    }

    default void handled(String role, Duration handlerTime) {
    }

    default void failed(String role, Duration handlerTime) {
    }

    default void retried(String role) {
    }

    default void deadLettered(String role) {
    }

    /** A handler ran past the role's handler timeout and was abandoned; its message is retried. */
    default void timedOut(String role) {
    }

    /** Messages went back to the queue untried, because the role's {@link ReceiveGate} held them. */
    default void putBack(String role, int count) {
    }
}
