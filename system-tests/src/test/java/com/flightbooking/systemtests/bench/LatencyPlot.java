package com.flightbooking.systemtests.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Latency against offered rate for the measured phases of a sweep: POST and end-to-end p50 and p99, log scale. */
final class LatencyPlot {

    private static final int WIDTH = 720;
    private static final int HEIGHT = 420;
    private static final int MARGIN = 60;
    private static final String[][] SERIES = { { "postMs", "p50", "#1f77b4", "POST p50" },
            { "postMs", "p99", "#6baed6", "POST p99" }, { "e2eMs", "p50", "#d62728", "E2E p50" },
            { "e2eMs", "p99", "#fc9272", "E2E p99" } };

    private LatencyPlot() {
    }

    @SuppressWarnings("unchecked")
    static String svg(Map<String, Object> report) {
        List<Map<String, Object>> measured = new ArrayList<>();
        for (Map<String, Object> phase : (List<Map<String, Object>>) report.get("phases")) {
            if ("measured".equals(phase.get("phase"))) {
                measured.add(phase);
            }
        }
        double maxRate = measured.stream().mapToDouble(p -> ((Number) p.get("offeredRate")).doubleValue()).max()
                .orElse(1);
        double minLog = 0; // 1 ms
        double maxLog = 5; // 100 s
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"20\">Latency against offered rate (open loop)</text>%n",
                MARGIN));
        for (int decade = 0; decade <= 5; decade++) {
            double y = y(decade, minLog, maxLog);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                    + "<text x=\"5\" y=\"%.1f\">%s</text>%n", MARGIN, WIDTH - MARGIN, y, y, y + 4,
                    new String[] { "1 ms", "10 ms", "100 ms", "1 s", "10 s", "100 s" }[decade]));
        }
        for (Map<String, Object> phase : measured) {
            double rate = ((Number) phase.get("offeredRate")).doubleValue();
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%.0f/s</text>%n",
                    x(rate, maxRate), HEIGHT - MARGIN + 20, rate));
        }
        int legend = 0;
        for (String[] series : SERIES) {
            StringBuilder points = new StringBuilder();
            for (Map<String, Object> phase : measured) {
                Object value = ((Map<String, Object>) phase.get(series[0])).get(series[1]);
                if (value != null) {
                    double log = Math.log10(Math.max(1, ((Number) value).doubleValue()));
                    points.append(String.format(Locale.ROOT, "%.1f,%.1f ",
                            x(((Number) phase.get("offeredRate")).doubleValue(), maxRate), y(log, minLog, maxLog)));
                }
            }
            svg.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" "
                    + "points=\"%s\"/>%n", series[2], points.toString().trim()));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"%s\">%s</text>%n",
                    WIDTH - MARGIN - 80, 40 + 16 * legend++, series[2], series[3]));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">offered bookings/s</text>%n",
                WIDTH / 2, HEIGHT - 15));
        return svg.append("</svg>\n").toString();
    }

    private static double x(double rate, double maxRate) {
        return MARGIN + (WIDTH - 2.0 * MARGIN) * rate / maxRate;
    }

    private static double y(double log, double minLog, double maxLog) {
        return HEIGHT - MARGIN - (HEIGHT - 2.0 * MARGIN) * (log - minLog) / (maxLog - minLog);
    }
}
