package com.flightbooking.workers.mail;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How queued emails are sent ({@link EmailSender}). */
@ConfigMapping(prefix = "flights.email-outbox")
public interface EmailOutboxConfig {

    /** Send queued emails from this process. Any number of replicas may: each claims its own rows (SKIP LOCKED). */
    @WithDefault("true")
    boolean enabled();

    /** How often the sender looks for emails the commit notifications missed, and for retries that are due. */
    @WithDefault("10s")
    Duration sweepInterval();

    /**
     * After a round that sent some emails but fewer than {@link #claimSize()} while more were queued, how long the
     * sender gathers before its next round, so that the emails of a steady flow of bookings share a claim. An email
     * waits at most this much longer, and only under a steady flow; {@code 0}: a round right after each wake-up.
     */
    @WithDefault("50ms")
    Duration batchWindow();

    /** Emails claimed per round; they are sent together, on up to this many SMTP connections. */
    @WithDefault("10")
    int claimSize();

    /** How long connecting to the mail server may take. */
    @WithDefault("10s")
    Duration connectTimeout();

    /**
     * The longest one email may take to send: a server that accepts the connection and never answers, or answers too
     * slowly, fails the attempt then (Quarkus's mailer has no read timeout), and its connections are closed.
     */
    @WithDefault("2m")
    Duration sendTimeout();

    /**
     * How long a claimed email is left to its sender before another may take it (a sender that crashed): longer than
     * a round, whose sends go out together and each end within {@link #sendTimeout()}. It is also how late a crashed
     * sender's emails leave, so no longer than that with a margin.
     */
    @WithDefault("5m")
    Duration lease();

    /** Wait before the first retry of a failed send; doubles with every failure up to {@link #maxBackoff()}. */
    @WithDefault("30s")
    Duration initialBackoff();

    @WithDefault("30m")
    Duration maxBackoff();

    /** Failed sends after which an email is parked (not retried; counted in flights_email_outbox_parked). */
    @WithDefault("12")
    int maxAttempts();

    /**
     * How long a sent email is kept ({@link EmailOutboxRetention}): longer than SQS keeps a message at most (14 days),
     * so no redelivery of the event that decided it can arrive after its row is gone.
     */
    @WithDefault("30d")
    Duration retention();

    /** How often sent emails older than {@link #retention()} are deleted. */
    @WithDefault("1h")
    Duration retentionInterval();
}
