package com.flightbooking.events.outbox;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;

/**
 * Listens for the {@code outbox_committed} notification that the outbox trigger sends when a transaction that wrote
 * events commits, and wakes the relay — so an event normally leaves within milliseconds of its commit, from
 * whichever process wrote it.
 */
@ApplicationScoped
public class OutboxCommitListener {

    static final String CHANNEL = "outbox_committed";

    private final Vertx vertx;
    private final OutboxRelay relay;
    private final OutboxConfig config;
    private final String url;
    private final Optional<String> username;
    private final Optional<String> password;
    private PgSubscriber subscriber;

    OutboxCommitListener(Vertx vertx, OutboxRelay relay, OutboxConfig config,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.vertx = vertx;
        this.relay = relay;
        this.config = config;
        this.url = url;
        this.username = username;
        this.password = password;
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.relay().enabled()) {
            return;
        }
        PgConnectOptions options = PgConnectOptions.fromUri(url.replaceFirst("^vertx-reactive:", ""));
        username.ifPresent(options::setUser);
        password.ifPresent(options::setPassword);
        subscriber = PgSubscriber.subscriber(vertx, options)
                // Reconnect forever; the periodic sweep covers the gap while the listener is down.
                .reconnectPolicy(retries -> 1_000L);
        subscriber.channel(CHANNEL).handler(payload -> relay.wake())
                // Commits made while nobody listened (before the start, during a reconnect) notified no one.
                .subscribeHandler(relay::wake);
        subscriber.connect().subscribe().with(
                ignored -> Log.debugf("Listening for %s", CHANNEL),
                failure -> Log.warnf("Cannot listen for %s (%s); relying on the sweep", CHANNEL, failure.getMessage()));
    }

    void onStop(@Observes ShutdownEvent event) {
        if (subscriber != null) {
            subscriber.closeAndAwait();
        }
    }
}
