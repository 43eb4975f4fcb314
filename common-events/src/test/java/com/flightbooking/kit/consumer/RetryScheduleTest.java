package com.flightbooking.kit.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;

class RetryScheduleTest {

    private static final String PAYMENT = "mp.messaging.incoming.payment.";

    @Test
    void anHourWithTheDefaultBackoffTakesTwentyThreeDeliveriesSpanningAtLeastTheHour() {
        RetrySchedule schedule = RetrySchedule.of(config(Map.of(PAYMENT + "retry.window", "1h")), PAYMENT, 5);

        assertThat(schedule.maxReceiveCount()).isEqualTo(23);
        // 2+3+6+13+26+51+102+205 s, then 240 s (5 min less the jitter) fourteen times.
        assertThat(schedule.shortestSpan()).isEqualTo(Duration.ofSeconds(408 + 14 * 240))
                .isGreaterThanOrEqualTo(Duration.ofHours(1));
        assertThat(new RetrySchedule(schedule.backoff(), schedule.maxReceiveCount() - 1).shortestSpan())
                .isLessThan(Duration.ofHours(1));
    }

    @Test
    void theWindowFollowsTheChannelsBackoff() {
        RetrySchedule schedule = RetrySchedule.of(config(Map.of(PAYMENT + "retry.window", "20s",
                PAYMENT + "retry.initial-delay", "1s", PAYMENT + "retry.max-delay", "2s")), PAYMENT, 5);

        // 1 s, then 2 s less the jitter (1.6 s, rounded to SQS's whole seconds: 2 s) each time.
        assertThat(schedule.maxReceiveCount()).isEqualTo(12);
        assertThat(schedule.shortestSpan()).isEqualTo(Duration.ofSeconds(21));
    }

    @Test
    void anExplicitMaxReceiveCountWinsOverTheWindow() {
        RetrySchedule schedule = RetrySchedule.of(config(Map.of(PAYMENT + "retry.window", "1h",
                PAYMENT + "max-receive-count", "3")), PAYMENT, 5);

        assertThat(schedule.maxReceiveCount()).isEqualTo(3);
    }

    @Test
    void withoutEitherTheQueuesDefaultApplies() {
        RetrySchedule schedule = RetrySchedule.of(config(Map.of()), PAYMENT, 5);

        assertThat(schedule.maxReceiveCount()).isEqualTo(5);
        assertThat(schedule.backoff()).isEqualTo(new RetryBackoff(Duration.ofSeconds(2), Duration.ofMinutes(5)));
    }

    @Test
    void noDelayIsEverShorterThanItsShortestBound() {
        RetryBackoff backoff = new RetryBackoff(Duration.ofSeconds(2), Duration.ofMinutes(5));
        for (int delivery = 1; delivery <= 30; delivery++) {
            for (int sample = 0; sample < 200; sample++) {
                assertThat((long) backoff.visibilitySecondsAfter(delivery))
                        .isGreaterThanOrEqualTo(backoff.shortestVisibilitySecondsAfter(delivery));
            }
        }
    }

    private static Config config(Map<String, String> values) {
        // Durations as Quarkus reads them ("1h", "20s"), not only ISO-8601.
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder()
                .withConverter(Duration.class, 200, new DurationConverter());
        values.forEach(builder::withDefaultValue);
        return builder.build();
    }
}
