package com.flightbooking.systemtests.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void readsSecondsMinutesAndHours() {
        assertThat(Durations.parse("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(Durations.parse(" 1h ")).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void refusesWhatItCannotRead() {
        assertThatThrownBy(() -> Durations.parse("10 minutes")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("10 minutes");
    }

    @Test
    void showsTheShortestForm() {
        assertThat(Durations.show(Duration.ofSeconds(90))).isEqualTo("90 s");
        assertThat(Durations.show(Duration.ofSeconds(60))).isEqualTo("1 min");
        assertThat(Durations.show(Duration.ofMinutes(10))).isEqualTo("10 min");
        assertThat(Durations.show(Duration.ofSeconds(150))).isEqualTo("2 min 30 s");
        assertThat(Durations.show(Duration.ofMinutes(90))).isEqualTo("1 h 30 min");
    }
}
