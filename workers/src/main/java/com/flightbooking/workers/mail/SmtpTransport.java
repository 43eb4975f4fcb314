package com.flightbooking.workers.mail;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.mutiny.Uni;
import io.vertx.core.MultiMap;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.mail.MailClient;

/**
 * The mail server as the {@link EmailSender} reaches it: Vert.x's mail client (the one under Quarkus's mailer), set up
 * from the same {@code quarkus.mailer.*} keys, plus the socket timeouts Quarkus's mailer does not expose. Without them
 * a server that accepts the connection and never answers holds the send, and its connection, for good; and a send
 * abandoned from outside would still go ahead whenever the server woke up, next to its retry.
 */
@ApplicationScoped
public class SmtpTransport {

    private final MailClient client;
    private final String from;

    SmtpTransport(Vertx vertx, EmailOutboxConfig config,
            @ConfigProperty(name = "quarkus.mailer.from") String from,
            @ConfigProperty(name = "quarkus.mailer.host") String host,
            @ConfigProperty(name = "quarkus.mailer.port") int port,
            @ConfigProperty(name = "quarkus.mailer.tls", defaultValue = "false") boolean tls,
            @ConfigProperty(name = "quarkus.mailer.start-tls", defaultValue = "OPTIONAL") String startTls,
            @ConfigProperty(name = "quarkus.mailer.username") Optional<String> username,
            @ConfigProperty(name = "quarkus.mailer.password") Optional<String> password) {
        this.from = from;
        MailConfig mailConfig = new MailConfig()
                .setHostname(host)
                .setPort(port)
                .setSsl(tls)
                .setStarttls(StartTLSOptions.valueOf(startTls))
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setIdleTimeout((int) config.idleTimeout().toMillis())
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
        username.ifPresent(mailConfig::setUsername);
        password.ifPresent(mailConfig::setPassword);
        this.client = MailClient.create(vertx, mailConfig);
    }

    /** Sends one email with the given Message-ID; fails when the server refuses it or goes silent. */
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
        return client.sendMail(message).replaceWithVoid();
    }

    @PreDestroy
    void close() {
        client.closeAndAwait();
    }
}
