package com.flightbooking.events;

import static com.flightbooking.events.EventType.AIRLINE_INFO_UPDATED;
import static com.flightbooking.events.EventType.BOOKING_FULFILLED;
import static com.flightbooking.events.EventType.BOOKING_REQUESTED;
import static com.flightbooking.events.EventType.BOOKING_STATUS_CHANGED;
import static com.flightbooking.events.EventType.DEPARTURE_REMINDER_DUE;
import static com.flightbooking.events.EventType.FULFILMENT_FAILED;
import static com.flightbooking.events.EventType.PAYMENT_CHARGED;
import static com.flightbooking.events.EventType.PAYMENT_DECLINED;
import static com.flightbooking.events.EventType.PAYMENT_REFUNDED;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Every queue role of the system, in both apps: its name, which is also its channel ({@code @Incoming}), and the
 * event types it handles. A role's name gives its queue and dead-letter queue ({@code MessagingNames}); its event
 * types give the filter its consumer applies and, when provisioning applies filters to subscriptions, its SNS
 * subscription's FilterPolicy. A role that needs more than a list of types sets an SNS filter policy of its own
 * ({@code mp.messaging.incoming.<role>.filter}), which replaces the one derived from here.
 */
public enum QueueRole {

    PAYMENT(Names.PAYMENT, EnumSet.of(BOOKING_REQUESTED, FULFILMENT_FAILED, BOOKING_STATUS_CHANGED)),
    FULFILMENT(Names.FULFILMENT, EnumSet.of(PAYMENT_CHARGED, BOOKING_STATUS_CHANGED)),
    LEDGER(Names.LEDGER, EnumSet.of(PAYMENT_CHARGED, PAYMENT_REFUNDED)),
    NOTIFICATION(Names.NOTIFICATION, EnumSet.of(BOOKING_STATUS_CHANGED, AIRLINE_INFO_UPDATED, DEPARTURE_REMINDER_DUE)),
    AIRLINE_CHECK(Names.AIRLINE_CHECK, EnumSet.of(BOOKING_STATUS_CHANGED)),
    REMINDERS(Names.REMINDERS, EnumSet.of(BOOKING_STATUS_CHANGED)),
    /** booking-api: the workers' outcomes move a booking to its final status; later airline news is kept on it. */
    BOOKING_STATUS(Names.BOOKING_STATUS,
            EnumSet.of(BOOKING_FULFILLED, PAYMENT_DECLINED, PAYMENT_REFUNDED, AIRLINE_INFO_UPDATED)),
    /** booking-api: every event about a booking ({@link BookingEvent}) is a step of its timeline. */
    BOOKING_TIMELINE(Names.BOOKING_TIMELINE, bookingEvents());

    /** The role names as constants, for {@code @Incoming} and wherever a role is named in code. */
    public static final class Names {

        public static final String PAYMENT = "payment";
        public static final String FULFILMENT = "fulfilment";
        public static final String LEDGER = "ledger";
        public static final String NOTIFICATION = "notification";
        public static final String AIRLINE_CHECK = "airline-check";
        public static final String REMINDERS = "reminders";
        public static final String BOOKING_STATUS = "booking-status";
        public static final String BOOKING_TIMELINE = "booking-timeline";

        private Names() {
        }
    }

    private final String roleName;
    private final Set<EventType> handles;

    QueueRole(String roleName, Set<EventType> handles) {
        this.roleName = roleName;
        this.handles = Collections.unmodifiableSet(handles);
    }

    /** The role's name: its channel, and the base of its queue's and dead-letter queue's names. */
    public String roleName() {
        return roleName;
    }

    /** The event types the role's consumer handles; every other type is deleted from its queue unseen. */
    public Set<EventType> handles() {
        return handles;
    }

    public static Optional<QueueRole> named(String roleName) {
        return Arrays.stream(values()).filter(r -> r.roleName.equals(roleName)).findFirst();
    }

    private static Set<EventType> bookingEvents() {
        Set<EventType> types = EnumSet.noneOf(EventType.class);
        for (EventType type : EventType.values()) {
            if (BookingEvent.class.isAssignableFrom(type.payloadClass())) {
                types.add(type);
            }
        }
        return types;
    }
}
