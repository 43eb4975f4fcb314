package com.flightbooking.systemtests.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The figures the benchmarks report for a set of latencies: count, p50, p90, p99 (nearest rank) and max. */
final class Percentiles {

    private Percentiles() {
    }

    static Map<String, Object> of(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("count", sorted.size());
        if (sorted.isEmpty()) {
            return result;
        }
        for (double p : new double[] { 50, 90, 99 }) {
            result.put("p" + (int) p, ProcessSample.round(sorted.get(Math.min(sorted.size() - 1,
                    (int) Math.ceil(p / 100 * sorted.size()) - 1))));
        }
        result.put("max", ProcessSample.round(sorted.get(sorted.size() - 1)));
        return result;
    }
}
