package com.flightbooking.booking.api.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.flightbooking.booking.api.service.BookingLifecycle;

import io.smallrye.mutiny.Uni;

/** The deadline's decision: which bookings are overdue, with what reason, and how a backlog is worked off. */
class SagaDeadlineRoundTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    private final BookingLifecycle lifecycle = mock(BookingLifecycle.class);

    @Test
    void bookingsCreatedADeadlineAgoOrEarlierExpireWithTheDeadlineAsTheReason() {
        when(lifecycle.expireOverdue(any(), anyInt(), any())).thenReturn(batch(1));

        int expired = deadline(Duration.ofMinutes(15), 100).expireOverdue().await().indefinitely();

        assertThat(expired).isEqualTo(1);
        verify(lifecycle).expireOverdue(NOW.minus(Duration.ofMinutes(15)), 100, "no outcome within 15 minutes");
    }

    @Test
    void aFullBatchIsFollowedByAnotherUntilOneComesBackShort() {
        when(lifecycle.expireOverdue(any(), anyInt(), any())).thenReturn(batch(2), batch(2), batch(1));

        int expired = deadline(Duration.ofSeconds(90), 2).expireOverdue().await().indefinitely();

        assertThat(expired).isEqualTo(5);
        verify(lifecycle, times(3)).expireOverdue(eq(NOW.minusSeconds(90)), eq(2), eq("no outcome within 90 seconds"));
    }

    @Test
    void nothingOverdueExpiresNothing() {
        when(lifecycle.expireOverdue(any(), anyInt(), any())).thenReturn(batch(0));

        assertThat(deadline(Duration.ofMinutes(15), 100).expireOverdue().await().indefinitely()).isZero();
        verify(lifecycle, times(1)).expireOverdue(any(), anyInt(), any());
    }

    @Test
    void theDeadlineIsSaidInTheLargestWholeUnit() {
        assertThat(SagaDeadline.humanized(Duration.ofMinutes(15))).isEqualTo("15 minutes");
        assertThat(SagaDeadline.humanized(Duration.ofHours(1))).isEqualTo("1 hour");
        assertThat(SagaDeadline.humanized(Duration.ofMinutes(90))).isEqualTo("90 minutes");
        assertThat(SagaDeadline.humanized(Duration.ofSeconds(3))).isEqualTo("3 seconds");
        assertThat(SagaDeadline.humanized(Duration.ofSeconds(1))).isEqualTo("1 second");
    }

    private SagaDeadline deadline(Duration deadline, int batchSize) {
        return new SagaDeadline(lifecycle, new SagaDeadlineConfig() {
            @Override
            public Duration deadline() {
                return deadline;
            }

            @Override
            public Duration pollInterval() {
                return Duration.ofSeconds(10);
            }

            @Override
            public int batchSize() {
                return batchSize;
            }

            @Override
            public Poller poller() {
                return () -> true;
            }
        }, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static Uni<List<UUID>> batch(int size) {
        return Uni.createFrom().item(Collections.nCopies(size, UUID.randomUUID()));
    }
}
