package com.flightbooking.systemtests.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class LatencyOverTimeTest {

    private static final long START = 1_765_000_000_000L;

    @Test
    void slicesCountFromThePhasesFirstBookingAndSkipEmptyOnes() {
        List<Map<String, Object>> slices = LatencyOverTime.slices(Map.of("a", booking(9_999, 200), "b", booking(0, 100),
                "c", booking(25_000, 4_000), "d", booking(10_000, 300), "e", booking(29_999, 5_000)), Map.of(), 10);

        assertThat(slices).extracting(slice -> slice.get("fromSecond")).containsExactly(0L, 10L, 20L);
        assertThat(slices).extracting(slice -> slice.get("count")).containsExactly(2, 1, 2);
        assertThat(slices.get(0)).containsEntry("p50", 100.0).containsEntry("p99", 200.0);
        assertThat(slices.get(2)).containsEntry("p50", 4_000.0).containsEntry("max", 5_000.0);
        assertThat(LatencyOverTime.e2eLine(slices)).isEqualTo("0 s: 100 / 200; 10 s: 300 / 300; 20 s: 4,000 / 5,000");
    }

    @Test
    void eachSliceHasTheMedianOfEachHopOverItsConfirmedBookings() {
        List<Map<String, Object>> slices = LatencyOverTime.slices(Map.of("a", booking(0, 600), "b", booking(1_000, 900),
                "declined", booking(2_000, 50), "c", booking(12_000, 90)),
                Map.of("a", List.of(400.0, 150.0, 50.0, 20.0, 10.0, 5.0), "b", List.of(700.0, 150.0, 50.0, 30.0, 10.0,
                        5.0), "c", List.of(40.0, 30.0, 20.0, 8.0, 4.0, 2.0)),
                10);

        assertThat(slices.get(0)).containsEntry("count", 3);
        assertThat(slices.get(0).get("hopsP50")).isEqualTo(Map.of(SagaHops.NAMES.get(0), 400.0, SagaHops.NAMES.get(1),
                150.0, SagaHops.NAMES.get(2), 50.0, SagaHops.NAMES.get(3), 20.0, SagaHops.NAMES.get(4), 10.0,
                SagaHops.NAMES.get(5), 5.0));
        assertThat(LatencyOverTime.hopsLine(slices)).isEqualTo("0 s: 400 + 150 + 50; 10 s: 40 + 30 + 20");
    }

    @Test
    void noBookingsNoSlices() {
        assertThat(LatencyOverTime.slices(Map.of(), Map.of(), 10)).isEmpty();
        assertThat(LatencyOverTime.e2eLine(List.of())).isEmpty();
        assertThat(LatencyOverTime.hopsLine(List.of())).isEmpty();
    }

    private static BookingRecords.Booking booking(long millisAfterStart, double endToEndMillis) {
        return new BookingRecords.Booking("CONFIRMED", endToEndMillis, START + millisAfterStart);
    }
}
