package com.flightbooking.booking.api.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.flightbooking.booking.api.ratelimit.OpenStreams.Refusal;
import com.flightbooking.booking.api.ratelimit.OpenStreams.Slot;

/** The caps on open streams: 2 per client, 3 in all. */
class OpenStreamsTest {

    private final OpenStreams streams = new OpenStreams(2, 3);

    @Test
    void aClientHoldsUpToItsCapAndGetsAPlaceBackWhenAStreamCloses() {
        Slot first = streams.tryOpen("a");
        Slot second = streams.tryOpen("a");
        Slot third = streams.tryOpen("a");

        assertThat(first.remaining()).isEqualTo(1);
        assertThat(second.remaining()).isZero();
        assertThat(third.opened()).isFalse();
        assertThat(third.refusal()).isEqualTo(Refusal.PER_CLIENT);
        assertThat(streams.tryOpen("b").opened()).isTrue();

        first.close();

        assertThat(streams.tryOpen("a").opened()).isTrue();
    }

    @Test
    void allClientsTogetherHoldUpToTheTotalCap() {
        streams.tryOpen("a");
        streams.tryOpen("b");
        Slot c = streams.tryOpen("c");

        assertThat(streams.tryOpen("d").refusal()).isEqualTo(Refusal.TOTAL);
        assertThat(streams.total()).isEqualTo(3);

        c.close();

        assertThat(streams.tryOpen("d").opened()).isTrue();
    }

    @Test
    void aPlaceIsGivenBackOnceAndARefusalGivesNothingBack() {
        Slot a = streams.tryOpen("a");
        streams.tryOpen("a");
        Slot refused = streams.tryOpen("a");

        a.close();
        a.close();
        refused.close();

        assertThat(streams.total()).isEqualTo(1);
        assertThat(streams.tryOpen("a").opened()).isTrue();
        assertThat(streams.tryOpen("a").opened()).isFalse();
    }
}
