package com.flightbooking.booking.api.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;

/** A stream gives its place back however it terminates, once. */
class StreamPlacesTest {

    private final OpenStreams streams = new OpenStreams(2, 3);

    @Test
    void aStreamCancelledBecauseItsClientLeftGivesItsPlaceBack() {
        Multi<Long> endless = StreamPlaces.heldUntilTerminated(Multi.createFrom().ticks().every(Duration.ofHours(1)),
                streams.tryOpen("a"));
        AssertSubscriber<Long> client = endless.subscribe().withSubscriber(AssertSubscriber.create(1));
        assertThat(streams.total()).isEqualTo(1);

        client.cancel();

        assertThat(streams.total()).isZero();
    }

    @Test
    void aStreamThatCompletesOrFailsGivesItsPlaceBackOnce() {
        StreamPlaces.heldUntilTerminated(Multi.createFrom().items(1, 2), streams.tryOpen("a"))
                .subscribe().withSubscriber(AssertSubscriber.create(2)).assertCompleted();
        StreamPlaces.heldUntilTerminated(Multi.createFrom().failure(new IllegalStateException("gone")),
                streams.tryOpen("a")).subscribe().withSubscriber(AssertSubscriber.create(1))
                .assertFailedWith(IllegalStateException.class);
        OpenStreams.Slot kept = streams.tryOpen("b");

        assertThat(streams.total()).isEqualTo(1);
        kept.close();
        assertThat(streams.total()).isZero();
    }
}
