package com.flightbooking.booking.api.status;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.flightbooking.kit.postgres.PgNotifications;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/**
 * Listens, once per instance, for the {@code booking_status} notification that the booking table's trigger sends when
 * a transaction that changed a booking's status commits, and signals the {@link StatusWatch}es of that booking. So a
 * stream learns of a change whichever replica made it. {@code flights.status-stream.watches} counts the open watches.
 */
@ApplicationScoped
public class BookingStatusListener {

    static final String CHANNEL = "booking_status";

    private final PgNotifications notifications;
    private final Map<UUID, Set<StatusWatch>> watches = new ConcurrentHashMap<>();

    BookingStatusListener(PgNotifications notifications, MeterRegistry registry) {
        this.notifications = notifications;
        Gauge.builder("flights.status-stream.watches", watches, w -> w.values().stream().mapToInt(Set::size).sum())
                .description("Status streams open in this instance").register(registry);
    }

    /** Watches the booking from now on; close the watch when done with it. */
    public StatusWatch watch(UUID bookingId) {
        StatusWatch watch = new StatusWatch(closed -> forget(bookingId, closed));
        watches.compute(bookingId, (id, set) -> {
            Set<StatusWatch> forBooking = set == null ? ConcurrentHashMap.newKeySet() : set;
            forBooking.add(watch);
            return forBooking;
        });
        return watch;
    }

    void onStart(@Observes StartupEvent event) {
        // Notifications sent while nothing listened are lost: once listening (again), every watch looks again.
        notifications.listen(CHANNEL, this::changed, this::signalAll);
    }

    private void changed(String payload) {
        UUID bookingId;
        try {
            bookingId = UUID.fromString(payload);
        } catch (IllegalArgumentException e) {
            Log.warnf("Ignoring %s notification with payload '%s': not a booking id", CHANNEL, payload);
            return;
        }
        Set<StatusWatch> interested = watches.get(bookingId);
        if (interested != null) {
            interested.forEach(StatusWatch::signal);
        }
    }

    private void signalAll() {
        Log.debugf("Listening for %s; the open streams look again", CHANNEL);
        watches.values().forEach(set -> set.forEach(StatusWatch::signal));
    }

    private void forget(UUID bookingId, StatusWatch watch) {
        watches.computeIfPresent(bookingId, (id, set) -> {
            set.remove(watch);
            return set.isEmpty() ? null : set;
        });
    }
}
