package com.flightbooking.workers.fulfilment;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FulfilmentAttemptsTest {

    @Test
    void acceptsFewerAttemptsThanDeliveries() {
        assertThatCode(() -> FulfilmentAttempts.check(4, 5)).doesNotThrowAnyException();
    }

    @Test
    void refusesAsManyAttemptsAsDeliveriesOrMore() {
        assertThatThrownBy(() -> FulfilmentAttempts.check(5, 5)).isInstanceOf(IllegalStateException.class)
                .hasMessage("flights.fulfilment.max-attempts is 5, but the fulfilment queue delivers an event at most"
                        + " 5 times (max-receive-count): set max-attempts below it, so that the worker gives up and"
                        + " compensates before the event is dead-lettered");
        assertThatThrownBy(() -> FulfilmentAttempts.check(6, 5)).isInstanceOf(IllegalStateException.class);
    }
}
