package com.flightbooking.workers;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.flightbooking.events.testing.ScheduledRounds;

import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;

/** Shutdown lets every scheduled round of this app finish before the pools close, and starts none. */
@QuarkusTest
class ScheduledRoundsTest {

    @Inject
    Scheduler scheduler;
    @Inject
    BeanManager beans;

    @Test
    void everyScheduledRoundFinishesBeforeShutdown() {
        assertThat(ScheduledRounds.all(scheduler)).isNotEmpty();
        assertThat(ScheduledRounds.notFinishedBeforeShutdown(scheduler)).isEmpty();
        assertThat(ScheduledRounds.shutdownInterceptors(beans)).isNotEmpty();
    }
}
