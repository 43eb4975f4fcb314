package com.flightbooking.systemtests.faults;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import com.flightbooking.systemtests.bench.BookingRecords;
import com.flightbooking.systemtests.bench.BookingRecords.Emails;

/**
 * What the fault suite knows about one booking once its scenario has drained, and what is wrong with it: the money
 * (the processor's journal), the ledger's view of that money, and the customer's emails.
 *
 * @param status booking-api's status, or null when booking-api has no such booking
 * @param charges charges the processor made for it
 * @param refunds refunds the processor made for it
 * @param ledgerCharges CHARGE entries in the ledger
 * @param ledgerRefunds REFUND entries in the ledger
 * @param emails the emails received about it
 */
record BookingCheck(String id, String status, int charges, int refunds, int ledgerCharges, int ledgerRefunds,
        Emails emails) {

    enum Problem {
        /** Not in a final status after the drain. */
        STUCK,
        /** The processor charged it more than once. */
        DOUBLE_CHARGE,
        /** Refunded more often than charged, or more than once. */
        DOUBLE_REFUND,
        /** Money kept for a booking that did not go ahead, or a confirmed booking not paid for exactly once. */
        WRONG_BALANCE,
        /** The ledger's charges or refunds differ from the processor's. */
        LEDGER_MISMATCH,
        /**
         * The same news in two emails (two Message-IDs): what the customer would read twice. One email received again
         * with its Message-ID is not one: see {@link Emails#resent()}.
         */
        DOUBLE_EMAIL,
        /** A final booking whose customer never heard of its final status. */
        MISSING_EMAIL;

        /** The problems that are a doubled effect: something done twice. */
        static final Set<Problem> DOUBLED = EnumSet.of(DOUBLE_CHARGE, DOUBLE_REFUND, DOUBLE_EMAIL);
    }

    boolean isFinal() {
        return status != null && BookingRecords.FINAL.contains(status);
    }

    Set<Problem> problems() {
        Set<Problem> problems = EnumSet.noneOf(Problem.class);
        if (!isFinal()) {
            problems.add(Problem.STUCK);
        }
        if (charges > 1) {
            problems.add(Problem.DOUBLE_CHARGE);
        }
        if (refunds > 1 || refunds > charges) {
            problems.add(Problem.DOUBLE_REFUND);
        }
        if (isFinal() && charges - refunds != expectedBalance()) {
            problems.add(Problem.WRONG_BALANCE);
        }
        if (ledgerCharges != charges || ledgerRefunds != refunds) {
            problems.add(Problem.LEDGER_MISMATCH);
        }
        if (emails.messageIdsBySubject().values().stream().anyMatch(count -> count > 1)) {
            problems.add(Problem.DOUBLE_EMAIL);
        }
        if (isFinal() && emails.receipts().getOrDefault(finalEmail(), 0) == 0) {
            problems.add(Problem.MISSING_EMAIL);
        }
        return problems;
    }

    /** Paid once when it flies; every charge refunded when it does not (declined, failed, cancelled, expired). */
    private int expectedBalance() {
        return "CONFIRMED".equals(status) ? 1 : 0;
    }

    /** The email every booking gets about its final status, named as in its Message-ID. */
    private String finalEmail() {
        return status.toLowerCase(Locale.ROOT);
    }
}
