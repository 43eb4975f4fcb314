package com.flightbooking.workers.mail;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.flightbooking.kit.postgres.PgNotifications;

import io.quarkus.runtime.StartupEvent;

/**
 * Wakes the {@link EmailSender} on the {@code email_outbox_committed} notification that the {@code email_outbox}
 * trigger sends when a transaction that queued emails commits: an email normally leaves within milliseconds of the
 * decision, from whichever process made it.
 */
@ApplicationScoped
public class EmailCommitListener {

    static final String CHANNEL = "email_outbox_committed";

    private final PgNotifications notifications;
    private final EmailSender sender;
    private final EmailOutboxConfig config;

    EmailCommitListener(PgNotifications notifications, EmailSender sender, EmailOutboxConfig config) {
        this.notifications = notifications;
        this.sender = sender;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        if (config.enabled()) {
            // Commits notified while nothing listened would otherwise wait for the sweep: drain as soon as it listens.
            notifications.listen(CHANNEL, payload -> sender.wake(), sender::wake);
        }
    }
}
