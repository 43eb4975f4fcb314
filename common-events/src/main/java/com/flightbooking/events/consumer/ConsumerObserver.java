package com.flightbooking.events.consumer;

import java.time.Duration;

/** What a consumer reports as it works; the metrics implement it. */
public interface ConsumerObserver {

    ConsumerObserver NONE = new ConsumerObserver() {
    };

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
}
