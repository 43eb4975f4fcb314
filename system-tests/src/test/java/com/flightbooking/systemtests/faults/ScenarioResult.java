package com.flightbooking.systemtests.faults;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.flightbooking.systemtests.faults.BookingCheck.Problem;

/**
 * One scenario's outcome, counted over the bookings accepted while it ran: how they ended, charges and emails per
 * booking, and the bookings with each {@link Problem}. It passes when no booking has one.
 *
 * @param bookingsByEmails bookings by the number of different emails received about them
 * @param emailsResent emails received again with a Message-ID already received: sent at least once, kept once
 * @param postsRefused POSTs answered with anything but 202, or not at all (the API down, PostgreSQL down)
 * @param drainSeconds from the end of the load until every booking was final (or the drain's limit)
 */
record ScenarioResult(String scenario, int accepted, int postsRefused, Map<String, Integer> finalByStatus, int stuck,
        Map<Integer, Integer> bookingsByCharges, Map<Integer, Integer> bookingsByEmails, int emailsResent, long ledgerCharges,
        long ledgerRefunds, long processorCharges, long processorRefunds, Map<Problem, Integer> problems,
        List<String> examples, double drainSeconds) {

    private static final int EXAMPLES = 10;

    static ScenarioResult of(String scenario, List<BookingCheck> bookings, int postsRefused, double drainSeconds) {
        Map<String, Integer> finalByStatus = new TreeMap<>();
        Map<Integer, Integer> byCharges = new TreeMap<>();
        Map<Integer, Integer> byEmails = new TreeMap<>();
        Map<Problem, Integer> problems = new EnumMap<>(Problem.class);
        List<String> examples = new ArrayList<>();
        long ledgerCharges = 0;
        long ledgerRefunds = 0;
        long charges = 0;
        long refunds = 0;
        int resent = 0;
        for (BookingCheck booking : bookings) {
            if (booking.isFinal()) {
                finalByStatus.merge(booking.status(), 1, Integer::sum);
            }
            byCharges.merge(booking.charges(), 1, Integer::sum);
            byEmails.merge(booking.emails().distinct(), 1, Integer::sum);
            resent += booking.emails().resent();
            ledgerCharges += booking.ledgerCharges();
            ledgerRefunds += booking.ledgerRefunds();
            charges += booking.charges();
            refunds += booking.refunds();
            Set<Problem> found = booking.problems();
            found.forEach(problem -> problems.merge(problem, 1, Integer::sum));
            if (!found.isEmpty() && examples.size() < EXAMPLES) {
                examples.add(booking.id() + " " + booking.status() + " charges=" + booking.charges() + " refunds="
                        + booking.refunds() + " ledger=" + booking.ledgerCharges() + "/" + booking.ledgerRefunds()
                        + " emails=" + booking.emails().receipts() + " " + found);
            }
        }
        return new ScenarioResult(scenario, bookings.size(), postsRefused, finalByStatus,
                problems.getOrDefault(Problem.STUCK, 0), byCharges, byEmails, resent, ledgerCharges, ledgerRefunds, charges,
                refunds, problems, examples, drainSeconds);
    }

    /** Bookings with something done twice: a charge, a refund or an email. */
    int doubled() {
        return (int) problems.entrySet().stream().filter(entry -> Problem.DOUBLED.contains(entry.getKey()))
                .mapToInt(Map.Entry::getValue).sum();
    }

    int finished() {
        return finalByStatus.values().stream().mapToInt(Integer::intValue).sum();
    }

    boolean ledgerEqualsProcessor() {
        return ledgerCharges == processorCharges && ledgerRefunds == processorRefunds;
    }

    boolean passed() {
        return problems.isEmpty();
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("scenario", scenario);
        json.put("accepted", accepted);
        json.put("postsRefused", postsRefused);
        json.put("final", finished());
        json.put("finalByStatus", finalByStatus);
        json.put("stuck", stuck);
        json.put("doubled", doubled());
        json.put("bookingsByCharges", bookingsByCharges);
        json.put("bookingsByEmails", bookingsByEmails);
        json.put("emailsResent", emailsResent);
        json.put("ledger", Map.of("charges", ledgerCharges, "refunds", ledgerRefunds));
        json.put("processor", Map.of("charges", processorCharges, "refunds", processorRefunds));
        json.put("ledgerEqualsProcessor", ledgerEqualsProcessor());
        json.put("problems", problems);
        json.put("examples", examples);
        json.put("drainSeconds", drainSeconds);
        json.put("passed", passed());
        return json;
    }
}
