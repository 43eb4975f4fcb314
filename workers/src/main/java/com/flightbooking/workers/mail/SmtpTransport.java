package com.flightbooking.workers.mail;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.MultiMap;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.mail.MailClient;

/**
 * The mail server as the {@link EmailSender} reaches it: Vert.x's mail client (the one under Quarkus's mailer), set up
 * from the same {@code quarkus.mailer.*} keys, with the timeouts Quarkus's mailer does not have. A send that outlives
 * {@code flights.email-outbox.send-timeout} fails and the client is made anew for the next send, while a connection
 * silent that long is closed: a server that accepts the connection and never answers holds nothing for long, and an
 * abandoned send cannot go ahead later, next to its retry, when the server wakes up.
 */
@ApplicationScoped
public class SmtpTransport {

    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(5);

    private final Vertx vertx;
    private final MailConfig mailConfig;
    private final String from;
    private final EmailOutboxConfig config;
    private MailClient client;

    SmtpTransport(Vertx vertx, EmailOutboxConfig config,
            @ConfigProperty(name = "quarkus.mailer.from") String from,
            @ConfigProperty(name = "quarkus.mailer.host") String host,
            @ConfigProperty(name = "quarkus.mailer.port") int port,
            @ConfigProperty(name = "quarkus.mailer.tls", defaultValue = "false") boolean tls,
            @ConfigProperty(name = "quarkus.mailer.start-tls", defaultValue = "OPTIONAL") String startTls,
            @ConfigProperty(name = "quarkus.mailer.username") Optional<String> username,
            @ConfigProperty(name = "quarkus.mailer.password") Optional<String> password) {
        this.vertx = vertx;
        this.from = from;
        this.config = config;
        this.mailConfig = new MailConfig()
                .setHostname(host)
                .setPort(port)
                .setSsl(tls)
                .setStarttls(StartTLSOptions.valueOf(startTls))
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                // A connection silent for as long as a send may take is closed, so a send abandoned on it can never
                // go ahead later.
                .setIdleTimeout((int) config.sendTimeout().toMillis())
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
        username.ifPresent(mailConfig::setUsername);
        password.ifPresent(mailConfig::setPassword);
    }

    /**
     * Sends one email with the given Message-ID; fails when the server refuses it or the send takes longer than
     * {@code send-timeout}. Sends may run together: the client pools connections; a timed-out send discards the
     * client, and the sends still running on it fail and are retried with their Message-IDs.
     */
    public Uni<Void> send(String messageId, String to, String subject, String text, String html) {
        MailMessage message = new MailMessage()
                .setFrom(from)
                .setTo(to)
                .setSubject(subject)
                .setText(text)
                .setHeaders(MultiMap.caseInsensitiveMultiMap().add(EmailOutbox.MESSAGE_ID, messageId));
        if (html != null) {
            message.setHtml(html);
        }
        MailClient current = client();
        return current.sendMail(message)
                .ifNoItem().after(config.sendTimeout()).fail()
                .onFailure(TimeoutException.class).invoke(() -> discard(current))
                .replaceWithVoid();
    }

    private synchronized MailClient client() {
        if (client == null) {
            client = MailClient.create(vertx, mailConfig);
        }
        return client;
    }

    /**
     * Replaces {@code stale} for the next send and closes it in the background: closing waits for the server to answer
     * QUIT, which a hung server never does.
     */
    private void discard(MailClient stale) {
        synchronized (this) {
            if (client == stale) {
                client = null;
            }
        }
        stale.close().subscribe().with(closed -> {
        }, failure -> Log.debugf("Closing a discarded mail client failed: %s", failure.getClass().getName()));
    }

    @PreDestroy
    synchronized void close() {
        if (client != null) {
            // Bounded: a hung server would hold the shutdown.
            client.close().ifNoItem().after(SHUTDOWN_WAIT).fail().onFailure().recoverWithNull().await().indefinitely();
        }
    }
}
