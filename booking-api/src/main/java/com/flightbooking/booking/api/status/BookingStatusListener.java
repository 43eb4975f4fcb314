package com.flightbooking.booking.api.status;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgChannel;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;

/**
 * Listens, once per instance, for the {@code booking_status} notification that the booking table's trigger sends when
 * a transaction that changed a booking's status commits, and signals the {@link StatusWatch}es of that booking. So a
 * stream learns of a change whichever replica made it. {@code flights.status-stream.watches} counts the open watches.
 */
@ApplicationScoped
public class BookingStatusListener {

    static final String CHANNEL = "booking_status";

    private final Vertx vertx;
    private final String url;
    private final Optional<String> username;
    private final Optional<String> password;
    private final Map<UUID, Set<StatusWatch>> watches = new ConcurrentHashMap<>();
    private PgSubscriber subscriber;
    private Cancellable connecting;

    BookingStatusListener(Vertx vertx, MeterRegistry registry,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.vertx = vertx;
        this.url = url;
        this.username = username;
        this.password = password;
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
        PgConnectOptions options = PgConnectOptions.fromUri(url.replaceFirst("^vertx-reactive:", ""));
        username.ifPresent(options::setUser);
        password.ifPresent(options::setPassword);
        // Once connected, the subscriber reconnects by itself; it does not retry a first connection that failed.
        subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(retries -> 1_000L);
        PgChannel channel = subscriber.channel(CHANNEL);
        channel.handler(this::changed);
        // Notifications sent while nothing listened are lost: once listening (again), every watch looks again.
        channel.subscribeHandler(this::signalAll);
        connecting = subscriber.connect()
                .onFailure().invoke(failure -> Log.warnf("Cannot listen for %s (%s); retrying", CHANNEL,
                        failure.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30)).indefinitely()
                .subscribe().with(ignored -> Log.debugf("Connected for %s notifications", CHANNEL));
    }

    void onStop(@Observes ShutdownEvent event) {
        if (connecting != null) {
            connecting.cancel();
        }
        if (subscriber != null) {
            subscriber.closeAndAwait();
        }
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
