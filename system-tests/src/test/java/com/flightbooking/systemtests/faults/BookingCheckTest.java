package com.flightbooking.systemtests.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.flightbooking.systemtests.bench.BookingRecords.Emails;
import com.flightbooking.systemtests.faults.BookingCheck.Problem;

class BookingCheckTest {

    private static final String ID = "0b7e2f5c-3a51-4a8e-9d1e-5a0c3f2b9e11";

    @Test
    void aConfirmedBookingChargedOnceWithItsEmailIsFine() {
        assertThat(booking("CONFIRMED", 1, 0, Map.of("confirmed", 1)).problems()).isEmpty();
    }

    @Test
    void bookingsThatDidNotGoAheadHaveEveryChargeRefundedAndTheirOneEmail() {
        assertThat(booking("PAYMENT_DECLINED", 0, 0, Map.of("payment_declined", 1)).problems()).isEmpty();
        assertThat(booking("FAILED_REFUNDED", 1, 1, Map.of("failed_refunded", 1)).problems()).isEmpty();
        assertThat(booking("EXPIRED", 1, 1, Map.of("expired", 1)).problems()).isEmpty();
        assertThat(booking("EXPIRED", 0, 0, Map.of("expired", 1)).problems()).isEmpty();
        assertThat(booking("CANCELLED", 1, 1, Map.of("confirmed", 1, "cancelled", 1)).problems()).isEmpty();
    }

    @Test
    void aBookingNotFinalAfterTheDrainIsStuck() {
        assertThat(booking("PENDING", 0, 0, Map.of()).problems()).containsExactly(Problem.STUCK);
        assertThat(booking(null, 0, 0, Map.of()).problems()).containsExactly(Problem.STUCK);
    }

    @Test
    void twoChargesAreDoubledWhateverTheStatus() {
        assertThat(booking("CONFIRMED", 2, 0, Map.of("confirmed", 1)).problems())
                .containsExactlyInAnyOrder(Problem.DOUBLE_CHARGE, Problem.WRONG_BALANCE);
        assertThat(booking("CANCELLED", 2, 2, Map.of("cancelled", 1)).problems())
                .containsExactlyInAnyOrder(Problem.DOUBLE_CHARGE, Problem.DOUBLE_REFUND);
        assertThat(booking("PENDING", 2, 0, Map.of()).problems())
                .containsExactlyInAnyOrder(Problem.STUCK, Problem.DOUBLE_CHARGE);
    }

    @Test
    void aRefundWithoutItsChargeIsDoubled() {
        assertThat(booking("CANCELLED", 0, 1, Map.of("cancelled", 1)).problems())
                .containsExactlyInAnyOrder(Problem.DOUBLE_REFUND, Problem.WRONG_BALANCE);
    }

    @Test
    void moneyKeptForABookingThatDidNotGoAheadIsAWrongBalance() {
        assertThat(booking("EXPIRED", 1, 0, Map.of("expired", 1)).problems()).containsExactly(Problem.WRONG_BALANCE);
        assertThat(booking("CONFIRMED", 1, 1, Map.of("confirmed", 1)).problems())
                .containsExactly(Problem.WRONG_BALANCE);
        assertThat(booking("CONFIRMED", 0, 0, Map.of("confirmed", 1)).problems())
                .containsExactly(Problem.WRONG_BALANCE);
    }

    @Test
    void theLedgerMustCountWhatTheProcessorDid() {
        BookingCheck missingRefund = booking("CANCELLED", 1, 1, 1, 0, "cancelled");
        BookingCheck extraCharge = booking("CONFIRMED", 1, 0, 2, 0, "confirmed");

        assertThat(missingRefund.problems()).containsExactly(Problem.LEDGER_MISMATCH);
        assertThat(extraCharge.problems()).containsExactly(Problem.LEDGER_MISMATCH);
    }

    @Test
    void theSameNewsUnderTwoMessageIdsIsADoubledEmailAndNoNewsOfTheFinalStatusIsAMissingOne() {
        Emails twoMessages = new Emails(Map.of("confirmed", 1, "confirmed-again", 1),
                Map.of("Your flight is confirmed", 2));
        assertThat(new BookingCheck(ID, "CONFIRMED", 1, 0, 1, 0, twoMessages).problems())
                .containsExactly(Problem.DOUBLE_EMAIL);
        assertThat(booking("CANCELLED", 1, 1, Map.of("confirmed", 1)).problems())
                .containsExactly(Problem.MISSING_EMAIL);
        assertThat(booking("PAYMENT_DECLINED", 0, 0, Map.of()).problems()).containsExactly(Problem.MISSING_EMAIL);
    }

    @Test
    void oneEmailReceivedAgainWithItsMessageIdIsAResendNotADouble() {
        Emails resent = new Emails(Map.of("confirmed", 2), Map.of("Your flight is confirmed", 1));
        BookingCheck booking = new BookingCheck(ID, "CONFIRMED", 1, 0, 1, 0, resent);

        assertThat(booking.problems()).isEmpty();
        ScenarioResult result = ScenarioResult.of("workers-kill", List.of(booking), 0, 1.0);
        assertThat(result.passed()).isTrue();
        assertThat(result.emailsResent()).isEqualTo(1);
        assertThat(result.bookingsByEmails()).containsOnly(Map.entry(1, 1));
    }

    @Test
    void aScenarioPassesOnlyWithoutProblemsAndCountsDoubledBookings() {
        ScenarioResult result = ScenarioResult.of("processor-outage", List.of(
                booking("CONFIRMED", 1, 0, Map.of("confirmed", 1)),
                new BookingCheck(ID, "CONFIRMED", 2, 0, 2, 0,
                        new Emails(Map.of("confirmed", 1, "confirmed-2", 1), Map.of("Confirmed", 2))),
                booking("PENDING", 0, 0, Map.of())), 4, 12.5);

        assertThat(result.passed()).isFalse();
        assertThat(result.accepted()).isEqualTo(3);
        assertThat(result.finished()).isEqualTo(2);
        assertThat(result.stuck()).isEqualTo(1);
        assertThat(result.doubled()).isEqualTo(2);
        assertThat(result.bookingsByCharges()).containsOnly(Map.entry(0, 1), Map.entry(1, 1), Map.entry(2, 1));
        assertThat(result.ledgerEqualsProcessor()).isTrue();
        assertThat(result.examples()).hasSize(2);
    }

    private static BookingCheck booking(String status, int charges, int refunds, int ledgerCharges,
            int ledgerRefunds, String news) {
        return new BookingCheck(ID, status, charges, refunds, ledgerCharges, ledgerRefunds,
                new Emails(Map.of(news, 1), Map.of("About " + news, 1)));
    }

    /** Each news in one email, received once. */
    private static BookingCheck booking(String status, int charges, int refunds, Map<String, Integer> emails) {
        Map<String, Integer> subjects = new HashMap<>();
        emails.keySet().forEach(news -> subjects.put("About " + news, 1));
        return new BookingCheck(ID, status, charges, refunds, charges, refunds, new Emails(emails, subjects));
    }
}
