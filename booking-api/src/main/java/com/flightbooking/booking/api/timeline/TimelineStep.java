package com.flightbooking.booking.api.timeline;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.flightbooking.events.AirlineInfoUpdated;
import com.flightbooking.events.BookingFulfilled;
import com.flightbooking.events.BookingRequested;
import com.flightbooking.events.BookingStatusChanged;
import com.flightbooking.events.CustomerNotified;
import com.flightbooking.events.DepartureReminderDue;
import com.flightbooking.events.EventEnvelope;
import com.flightbooking.events.FulfilmentFailed;
import com.flightbooking.events.LedgerEntryRecorded;
import com.flightbooking.events.PaymentCharged;
import com.flightbooking.events.PaymentDeclined;
import com.flightbooking.events.PaymentRefunded;
import com.flightbooking.events.ReservationCancelled;

/**
 * The steps a booking goes through, each named as the timeline shows it, in the saga's usual order: steps at the same
 * instant are listed in this order.
 */
public enum TimelineStep {

    REQUESTED("requested"),
    PUBLISHED("published"),
    CHARGED("charged"),
    DECLINED("declined"),
    RECORDED("recorded"),
    FULFILLED("fulfilled"),
    FULFILMENT_FAILED("fulfilment failed"),
    STATUS_CHANGED("status changed"),
    REFUNDED("refunded"),
    CANCELLED("cancelled"),
    EMAILED("emailed"),
    AIRLINE_UPDATE("airline update"),
    REMINDER_DUE("reminder due");

    private static final Map<String, TimelineStep> BY_LABEL = Arrays.stream(values())
            .collect(Collectors.toMap(TimelineStep::label, Function.identity()));

    /** What a customer email was about, in words; the kinds not listed are shown as they are. */
    private static final Map<String, String> EMAILS = Map.of(
            "CONFIRMED", "confirmation",
            "PAYMENT_DECLINED", "payment declined",
            "FAILED_REFUNDED", "seat not booked, refunded",
            "CANCELLED", "cancellation",
            "EXPIRED", "booking expired",
            "UPGRADED", "upgrade",
            "REMINDER", "departure reminder");

    private final String label;

    TimelineStep(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** A step and its outcome in a few words. */
    public record Described(String step, String outcome) {
    }

    /**
     * The step an event stands for. An event type without a step of its own here (one added to the contract later)
     * is still shown, named after its type, without an outcome.
     */
    public static Described of(EventEnvelope event) {
        return switch (event.type()) {
            case BOOKING_REQUESTED -> {
                BookingRequested requested = event.dataAs(BookingRequested.class);
                yield REQUESTED.with("%s %s-%s, %s".formatted(requested.flight().number(),
                        requested.flight().origin(), requested.flight().destination(), requested.fare()));
            }
            case PAYMENT_CHARGED -> {
                PaymentCharged charged = event.dataAs(PaymentCharged.class);
                yield CHARGED.with("charged " + charged.booking().fare());
            }
            case PAYMENT_DECLINED -> DECLINED.with("declined: " + event.dataAs(PaymentDeclined.class).reason());
            case PAYMENT_REFUNDED -> {
                PaymentRefunded refunded = event.dataAs(PaymentRefunded.class);
                String why = refunded.detail() != null ? refunded.detail()
                        : refunded.reason().name().toLowerCase(Locale.ROOT).replace('_', ' ');
                yield REFUNDED.with("refunded " + refunded.booking().fare() + ": " + why);
            }
            case BOOKING_FULFILLED -> FULFILLED.with("record locator "
                    + event.dataAs(BookingFulfilled.class).recordLocator());
            case FULFILMENT_FAILED -> FULFILMENT_FAILED.with(event.dataAs(FulfilmentFailed.class).reason());
            case RESERVATION_CANCELLED -> CANCELLED.with("seat given back, record locator "
                    + event.dataAs(ReservationCancelled.class).recordLocator());
            case BOOKING_STATUS_CHANGED -> {
                BookingStatusChanged changed = event.dataAs(BookingStatusChanged.class);
                yield STATUS_CHANGED.with(changed.reason() == null ? changed.status().name()
                        : changed.status() + ": " + changed.reason());
            }
            case AIRLINE_INFO_UPDATED -> AIRLINE_UPDATE.with(airline(event.dataAs(AirlineInfoUpdated.class)));
            case DEPARTURE_REMINDER_DUE -> REMINDER_DUE.with("departs "
                    + event.dataAs(DepartureReminderDue.class).booking().flight().departureTime());
            case LEDGER_ENTRY_RECORDED -> {
                LedgerEntryRecorded entry = event.dataAs(LedgerEntryRecorded.class);
                yield RECORDED.with(entry.kind() + " " + entry.amount());
            }
            case CUSTOMER_NOTIFIED -> {
                String about = event.dataAs(CustomerNotified.class).about();
                yield EMAILED.with("email sent: " + EMAILS.getOrDefault(about, about.toLowerCase(Locale.ROOT)));
            }
            default -> new Described(nameOf(event), null);
        };
    }

    /** Position among steps at the same instant; steps of unknown events come last. */
    public static int rank(String label) {
        TimelineStep step = BY_LABEL.get(label);
        return step == null ? Integer.MAX_VALUE : step.ordinal();
    }

    private Described with(String outcome) {
        return new Described(label, outcome);
    }

    private static String airline(AirlineInfoUpdated info) {
        StringBuilder news = new StringBuilder("cabin ").append(info.cabin());
        if (info.upgraded()) {
            news.append(" (upgraded)");
        }
        if (info.loungePass()) {
            news.append(", lounge pass");
        }
        if (info.lastTicketingDate() != null) {
            news.append(", ticket by ").append(info.lastTicketingDate());
        }
        return news.toString();
    }

    /** com.flightbooking.seat.changed.v1 → "seat changed". */
    private static String nameOf(EventEnvelope event) {
        String[] parts = event.type().ceType().split("\\.");
        return parts.length < 3 ? event.type().ceType()
                : (parts[parts.length - 3] + " " + parts[parts.length - 2]).replace('-', ' ');
    }
}
