package com.flightbooking.systemtests.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * End-to-end latency by the time slice its bookings were made in, and the median of each saga hop
 * ({@link SagaHops}) in it: a phase's p99 alone cannot tell a steady tail from a backlog the system built up in some
 * seconds and then worked off (the first minute after start is the latter), nor at which hop it built up.
 */
final class LatencyOverTime {

    private LatencyOverTime() {
    }

    /**
     * @param bookings the bookings of one phase, by id
     * @param hops the hops of those of them that were confirmed, by id ({@link SagaHops#ofConfirmed})
     * @param sliceSeconds the length of each slice, counted from the phase's first booking
     * @return one entry per slice that holds a booking, in order: its first second, its bookings' count, E2E p50,
     *         p90, p99 and max, and the p50 of each hop over its confirmed bookings
     */
    static List<Map<String, Object>> slices(Map<String, BookingRecords.Booking> bookings,
            Map<String, List<Double>> hops, int sliceSeconds) {
        long first = bookings.values().stream().mapToLong(BookingRecords.Booking::createdAtMillis).min().orElse(0);
        long sliceMillis = sliceSeconds * 1000L;
        TreeMap<Long, List<String>> bySlice = new TreeMap<>();
        bookings.forEach((id, booking) -> bySlice
                .computeIfAbsent((booking.createdAtMillis() - first) / sliceMillis, slice -> new ArrayList<>()).add(id));
        List<Map<String, Object>> slices = new ArrayList<>();
        bySlice.forEach((slice, ids) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("fromSecond", slice * sliceSeconds);
            entry.putAll(Percentiles.of(ids.stream().map(id -> bookings.get(id).endToEndMillis()).toList()));
            List<List<Double>> hopsOfSlice = ids.stream().map(hops::get).filter(Objects::nonNull).toList();
            if (!hopsOfSlice.isEmpty()) {
                Map<String, Object> medians = new LinkedHashMap<>();
                SagaHops.figures(hopsOfSlice).forEach((hop, figures) -> medians.put(hop, figures.get("p50")));
                entry.put("hopsP50", medians);
            }
            slices.add(entry);
        });
        return slices;
    }

    /** E2E p50 / p99 ms per slice, e.g. {@code 0 s: 3,771 / 4,731; 10 s: ...}. */
    static String e2eLine(List<Map<String, Object>> slices) {
        StringBuilder line = new StringBuilder();
        for (Map<String, Object> slice : slices) {
            line.append(line.isEmpty() ? "" : "; ").append(String.format("%d s: %,.0f / %,.0f", slice.get("fromSecond"),
                    (Double) slice.get("p50"), (Double) slice.get("p99")));
        }
        return line.toString();
    }

    /** The p50 ms of the {@link SagaHops#END_TO_END} hops per slice, e.g. {@code 0 s: 3,872 + 1,668 + 687; 10 s: ...}. */
    @SuppressWarnings("unchecked")
    static String hopsLine(List<Map<String, Object>> slices) {
        StringBuilder line = new StringBuilder();
        for (Map<String, Object> slice : slices) {
            Map<String, Object> medians = (Map<String, Object>) slice.get("hopsP50");
            if (medians == null) {
                continue;
            }
            line.append(line.isEmpty() ? "" : "; ").append(slice.get("fromSecond")).append(" s: ")
                    .append(SagaHops.END_TO_END.stream().map(hop -> String.format("%,.0f", medians.get(hop)))
                            .collect(Collectors.joining(" + ")));
        }
        return line.toString();
    }
}
