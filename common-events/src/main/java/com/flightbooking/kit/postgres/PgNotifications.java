package com.flightbooking.kit.postgres;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;

/**
 * The process's PostgreSQL notifications ({@code LISTEN}), every channel on one connection of its own: a pooled
 * connection goes back to the pool, and with it what it listened to. The connection opens when the first channel is
 * listened to; a lost one is reopened every second and listens to every channel again. Notifications sent while it
 * was down are lost, so each listener is told whenever its channel is listened to (again) and catches up then.
 */
@ApplicationScoped
public class PgNotifications {

    /** The connection's {@code application_name}, which tells it apart in {@code pg_stat_activity}. */
    public static final String APPLICATION_NAME = "flights-notifications";

    private static final Duration RECONNECT_DELAY = Duration.ofSeconds(1);

    private final PgSubscriber subscriber;
    private final AtomicBoolean connectionOpened = new AtomicBoolean();
    private volatile Cancellable connecting;

    @Inject
    PgNotifications(Vertx vertx, @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this(vertx, connectOptions(url, username, password));
    }

    PgNotifications(Vertx vertx, PgConnectOptions options) {
        subscriber = PgSubscriber.subscriber(vertx, options.addProperty("application_name", APPLICATION_NAME))
                .reconnectPolicy(retries -> RECONNECT_DELAY.toMillis());
    }

    /**
     * Calls {@code onNotification} with the payload of each notification on {@code channel}, and {@code onListening}
     * each time the channel is listened to: first, and again after every reconnection.
     */
    public void listen(String channel, Consumer<String> onNotification, Runnable onListening) {
        // The subscribe handler goes first: setting the notification handler is what subscribes.
        subscriber.channel(channel).subscribeHandler(onListening).handler(onNotification);
        if (connectionOpened.compareAndSet(false, true)) {
            connect();
        }
    }

    /**
     * Once connected, the subscriber reconnects by itself (its reconnect policy); a first connection that failed it
     * leaves half open, so that is closed before the next attempt.
     */
    private void connect() {
        connecting = subscriber.connect()
                .onFailure().call(failure -> {
                    Log.warnf("Cannot listen for PostgreSQL notifications (%s); retrying", failure.getMessage());
                    return subscriber.close();
                })
                .onFailure().retry().withBackOff(RECONNECT_DELAY, Duration.ofSeconds(30)).indefinitely()
                .subscribe().with(ignored -> Log.debug("Listening for PostgreSQL notifications"));
    }

    void onStop(@Observes ShutdownEvent event) {
        close();
    }

    void close() {
        Cancellable attempt = connecting;
        if (attempt != null) {
            attempt.cancel();
        }
        subscriber.closeAndAwait();
    }

    private static PgConnectOptions connectOptions(String url, Optional<String> username, Optional<String> password) {
        PgConnectOptions options = PgConnectOptions.fromUri(url.replaceFirst("^vertx-reactive:", ""));
        username.ifPresent(options::setUser);
        password.ifPresent(options::setPassword);
        return options;
    }
}
