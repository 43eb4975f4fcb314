package com.flightbooking.systemtests.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.flightbooking.events.testing.PartnerEffects;
import com.flightbooking.localinfra.LocalInfrastructure;
import com.flightbooking.localinfra.LocalPartners;
import com.flightbooking.systemtests.RunningSystem;

/**
 * What the system and its partners recorded about bookings, read in bulk: each booking's status (booking-api's
 * database), the ledger's entries (the workers'), what the payment processor did (its request journal) and the emails
 * the mail server received.
 */
public final class BookingRecords {

    /** The statuses a booking ends in. */
    public static final Set<String> FINAL = Set.of("CONFIRMED", "PAYMENT_DECLINED", "FAILED_REFUNDED", "CANCELLED",
            "EXPIRED");

    /**
     * A booking as booking-api stores it.
     *
     * @param endToEndMillis from its {@code created_at} to its {@code updated_at} (that of its final status, once final)
     * @param createdAtMillis its {@code created_at}, in milliseconds since the epoch
     */
    public record Booking(String status, double endToEndMillis, long createdAtMillis) {
        public boolean isFinal() {
            return FINAL.contains(status);
        }
    }

    private static final String MESSAGE_ID_PREFIX = "<booking-";
    private static final int UUID_LENGTH = 36;

    private final RunningSystem system;

    public BookingRecords(RunningSystem system) {
        this.system = system;
    }

    /** The bookings among {@code ids} that booking-api has, by id. */
    public Map<String, Booking> bookings(Collection<String> ids) throws SQLException {
        Map<String, Booking> bookings = new HashMap<>();
        try (Connection connection = system.connect(LocalInfrastructure.BOOKING_API_DATABASE);
                PreparedStatement query = connection.prepareStatement("SELECT id::text, status, extract(epoch FROM "
                        + "updated_at - created_at) * 1000, (extract(epoch FROM created_at) * 1000)::bigint FROM booking "
                        + "WHERE id = ANY (?::uuid[])")) {
            query.setArray(1, connection.createArrayOf("text", ids.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    bookings.put(rows.getString(1), new Booking(rows.getString(2), rows.getDouble(3), rows.getLong(4)));
                }
            }
        }
        return bookings;
    }

    /** Ledger entries of every booking, by kind (CHARGE, REFUND). */
    public Map<String, Long> ledgerTotals() throws SQLException {
        Map<String, Long> ledger = new HashMap<>();
        try (Connection connection = system.connect(LocalInfrastructure.WORKERS_DATABASE);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT kind, count(*) FROM ledger_entry GROUP BY kind")) {
            while (rows.next()) {
                ledger.put(rows.getString(1), rows.getLong(2));
            }
        }
        return ledger;
    }

    /** Ledger entries of these bookings: booking id → kind (CHARGE, REFUND) → entries. */
    public Map<String, Map<String, Integer>> ledger(Collection<String> ids) throws SQLException {
        Map<String, Map<String, Integer>> ledger = new HashMap<>();
        try (Connection connection = system.connect(LocalInfrastructure.WORKERS_DATABASE);
                PreparedStatement query = connection.prepareStatement("SELECT booking_id::text, kind, count(*) FROM "
                        + "ledger_entry WHERE booking_id = ANY (?::uuid[]) GROUP BY 1, 2")) {
            query.setArray(1, connection.createArrayOf("text", ids.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ledger.computeIfAbsent(rows.getString(1), id -> new HashMap<>()).put(rows.getString(2),
                            rows.getInt(3));
                }
            }
        }
        return ledger;
    }

    /**
     * Emails about these bookings the workers decided on and have not handed to the mail server yet (nor parked):
     * once none is, the mail server holds all there is to count about them.
     */
    public long emailsWaiting(Collection<String> ids) throws SQLException {
        try (Connection connection = system.connect(LocalInfrastructure.WORKERS_DATABASE);
                PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM email_outbox WHERE "
                        + "sent_at IS NULL AND parked_at IS NULL AND message_id LIKE '" + MESSAGE_ID_PREFIX + "%' AND "
                        + "substring(message_id, " + (MESSAGE_ID_PREFIX.length() + 1) + ", " + UUID_LENGTH
                        + ") = ANY (?)")) {
            query.setArray(1, connection.createArrayOf("text", ids.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** What the processor did, as it counts it ({@link PartnerEffects}): charges and refunds per booking. */
    public ProcessorJournal processorJournal() {
        PartnerEffects effects = system.partnerEffects();
        return new ProcessorJournal(effects.chargesPerBooking(), effects.refundsPerBooking());
    }

    /** Charges and refunds the processor made, per booking id. */
    public record ProcessorJournal(Map<String, Integer> charges, Map<String, Integer> refunds) {
        public long totalCharges() {
            return charges.values().stream().mapToLong(Integer::longValue).sum();
        }

        public long totalRefunds() {
            return refunds.values().stream().mapToLong(Integer::longValue).sum();
        }
    }

    /** The emails received about each booking, by booking id; other emails (invoices) are left out. */
    public Map<String, Emails> emails() {
        return emailsPerBooking(system.receivedEmails());
    }

    /**
     * The emails received about one booking. Each news has its own Message-ID, so the same Message-ID received twice is
     * one email sent again (at least once, after a crash between the mail server's acceptance and the sender's record of
     * it), which mail systems keep once; the same news under two Message-IDs is two emails the customer reads.
     *
     * @param receipts how often each news arrived, by the news its Message-ID names (confirmed, cancelled, …)
     * @param messageIdsBySubject how many different Message-IDs came with each subject
     */
    public record Emails(Map<String, Integer> receipts, Map<String, Integer> messageIdsBySubject) {

        public static final Emails NONE = new Emails(Map.of(), Map.of());

        /** The different emails received, what the customer's mailbox keeps. */
        public int distinct() {
            return receipts.size();
        }

        /** Emails received again with a Message-ID already received. */
        public int resent() {
            return receipts.values().stream().mapToInt(count -> count - 1).sum();
        }
    }

    static Map<String, Emails> emailsPerBooking(List<LocalPartners.ReceivedEmail> received) {
        Map<String, Map<String, Integer>> receipts = new HashMap<>();
        Map<String, Map<String, Set<String>>> idsBySubject = new HashMap<>();
        for (LocalPartners.ReceivedEmail email : received) {
            String messageId = email.messageId();
            if (messageId == null || !messageId.startsWith(MESSAGE_ID_PREFIX) || messageId.indexOf('@') < 0) {
                continue;
            }
            String rest = messageId.substring(MESSAGE_ID_PREFIX.length(), messageId.indexOf('@'));
            String bookingId = rest.substring(0, UUID_LENGTH);
            String news = rest.substring(UUID_LENGTH + 1);
            receipts.computeIfAbsent(bookingId, id -> new HashMap<>()).merge(news, 1, Integer::sum);
            idsBySubject.computeIfAbsent(bookingId, id -> new HashMap<>())
                    .computeIfAbsent(String.valueOf(email.subject()), subject -> new HashSet<>()).add(messageId);
        }
        Map<String, Emails> emails = new HashMap<>();
        receipts.forEach((bookingId, byNews) -> {
            Map<String, Integer> subjects = new HashMap<>();
            idsBySubject.get(bookingId).forEach((subject, ids) -> subjects.put(subject, ids.size()));
            emails.put(bookingId, new Emails(byNews, subjects));
        });
        return emails;
    }
}
