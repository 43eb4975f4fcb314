package com.flightbooking.kit.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.flightbooking.kit.postgres.PgNotifications;

import io.quarkus.runtime.StartupEvent;

/**
 * Listens for the {@code outbox_committed} notification that the outbox trigger sends when a transaction that wrote
 * events commits, and wakes the relay — so an event normally leaves within milliseconds of its commit, from
 * whichever process wrote it.
 */
@ApplicationScoped
public class OutboxCommitListener {

    static final String CHANNEL = "outbox_committed";

    private final PgNotifications notifications;
    private final OutboxRelay relay;
    private final OutboxConfig config;

    OutboxCommitListener(PgNotifications notifications, OutboxRelay relay, OutboxConfig config) {
        this.notifications = notifications;
        this.relay = relay;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        if (config.relay().enabled()) {
            // Commits notified while nothing listened would otherwise wait for the sweep: drain as soon as it listens.
            notifications.listen(CHANNEL, payload -> relay.wake(), relay::wake);
        }
    }
}
