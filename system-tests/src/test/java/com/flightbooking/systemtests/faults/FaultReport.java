package com.flightbooking.systemtests.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The fault suite's results as a table: for the terminal, and in markdown for docs/faults.md. */
final class FaultReport {

    private static final List<String> HEADINGS = List.of("Scenario", "Accepted", "POSTs refused", "Final", "Stuck",
            "Charges per booking", "Ledger = processor", "Emails per booking", "Emails resent (same Message-ID)",
            "Doubled", "Other problems", "Drain",
            "Result");

    private FaultReport() {
    }

    static String markdown(List<ScenarioResult> results) {
        StringBuilder table = new StringBuilder();
        table.append("| ").append(String.join(" | ", HEADINGS)).append(" |\n");
        table.append("|").append(" --- |".repeat(HEADINGS.size())).append('\n');
        results.forEach(result -> table.append("| ").append(String.join(" | ", cells(result))).append(" |\n"));
        return table.toString();
    }

    static String text(List<ScenarioResult> results) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADINGS);
        results.forEach(result -> rows.add(cells(result)));
        int[] widths = new int[HEADINGS.size()];
        rows.forEach(row -> {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        });
        StringBuilder table = new StringBuilder();
        rows.forEach(row -> {
            for (int i = 0; i < row.size(); i++) {
                table.append(String.format("%-" + widths[i] + "s  ", row.get(i)));
            }
            table.append('\n');
        });
        return table.toString();
    }

    /** One scenario in one line, for the progress output. */
    static String line(ScenarioResult result) {
        List<String> cells = cells(result);
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < HEADINGS.size(); i++) {
            line.append(i == 0 ? "" : ", ").append(HEADINGS.get(i).toLowerCase()).append(": ").append(cells.get(i));
        }
        return line.toString();
    }

    private static List<String> cells(ScenarioResult result) {
        String other = result.problems().entrySet().stream()
                .filter(entry -> !BookingCheck.Problem.DOUBLED.contains(entry.getKey())
                        && entry.getKey() != BookingCheck.Problem.STUCK)
                .map(entry -> entry.getKey().name().toLowerCase().replace('_', ' ') + " " + entry.getValue())
                .collect(Collectors.joining(", "));
        return List.of(result.scenario(), Integer.toString(result.accepted()), Integer.toString(result.postsRefused()),
                result.finished() + " (" + counts(result.finalByStatus()) + ")", Integer.toString(result.stuck()),
                counts(result.bookingsByCharges()),
                (result.ledgerEqualsProcessor() ? "yes" : "NO") + " (" + result.ledgerCharges() + "/"
                        + result.ledgerRefunds() + " vs " + result.processorCharges() + "/" + result.processorRefunds()
                        + ")",
                counts(result.bookingsByEmails()), Integer.toString(result.emailsResent()),
                Integer.toString(result.doubled()), other.isEmpty() ? "none" : other,
                Math.round(result.drainSeconds()) + " s", result.passed() ? "pass" : "FAIL");
    }

    /** {2: 3, 1: 97} as "1×97, 2×3": how many bookings had each value. */
    private static String counts(Map<?, Integer> counts) {
        return counts.entrySet().stream().map(entry -> abbreviate(entry.getKey()) + "×" + entry.getValue())
                .collect(Collectors.joining(", "));
    }

    private static String abbreviate(Object key) {
        return switch (key.toString()) {
            case "CONFIRMED" -> "confirmed";
            case "PAYMENT_DECLINED" -> "declined";
            case "FAILED_REFUNDED" -> "failed/refunded";
            case "CANCELLED" -> "cancelled";
            case "EXPIRED" -> "expired";
            default -> key.toString();
        };
    }
}
