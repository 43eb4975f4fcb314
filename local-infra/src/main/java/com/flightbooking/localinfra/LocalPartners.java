package com.flightbooking.localinfra;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * The partners of the apps, as real network services on loopback: one WireMock server simulating the payment
 * processor ({@code /payment-processor}), the travel fulfiller ({@code /travel-fulfiller}: offers, seats) and the airline's
 * booking
 * API ({@code /airline}) from the stub mappings in {@code partners/mappings} (the same files serve Docker's WireMock),
 * and GreenMail for SMTP (and POP3, to read what was sent). Tests add stubs of higher priority for fault injection and
 * read WireMock's request journal.
 */
public final class LocalPartners implements AutoCloseable {

    private static final String LOOPBACK = "127.0.0.1";
    private static final int JOURNAL_LIMIT = 50_000;

    private final WireMockServer wireMock;
    private final GreenMail greenMail;

    private LocalPartners(WireMockServer wireMock, GreenMail greenMail) {
        this.wireMock = wireMock;
        this.greenMail = greenMail;
    }

    /** Ports may be 0 for any free port. Remembers the last {@value #JOURNAL_LIMIT} requests. */
    public static LocalPartners start(int httpPort, int smtpPort, int pop3Port) {
        return start(httpPort, smtpPort, pop3Port, true);
    }

    /**
     * As {@link #start(int, int, int)}, remembering every request: for a run that ends (tests, benchmarks, the fault
     * suite), whose checks count what the partners did from the first booking to the last. WireMock trims a bounded
     * journal by walking all of it on every request, so near its bound each request costs in proportion to the
     * journal: at 50,000 entries the simulators took twice the CPU per booking they took when it was nearly empty.
     */
    public static LocalPartners startKeepingEveryRequest(int httpPort, int smtpPort, int pop3Port) {
        return start(httpPort, smtpPort, pop3Port, false);
    }

    private static LocalPartners start(int httpPort, int smtpPort, int pop3Port, boolean boundedJournal) {
        UnconfiguredLogging.defaultToInfo();
        MailStreamProviderProperty.nameAngusMails();
        WireMockConfiguration options = options()
                .bindAddress(LOOPBACK)
                .port(httpPort)
                .usingFilesUnderClasspath("partners")
                .containerThreads(32);
        WireMockServer wireMock = new WireMockServer(
                boundedJournal ? options.maxRequestJournalEntries(JOURNAL_LIMIT) : options);
        wireMock.start();
        GreenMail greenMail;
        try {
            greenMail = new GreenMail(new ServerSetup[] {
                    new ServerSetup(smtpPort, LOOPBACK, ServerSetup.PROTOCOL_SMTP),
                    new ServerSetup(pop3Port, LOOPBACK, ServerSetup.PROTOCOL_POP3) })
                    // Any login reads the mailbox of that address: local and test use only.
                    .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
            greenMail.start();
        } catch (RuntimeException e) {
            wireMock.stop();
            throw e;
        }
        return new LocalPartners(wireMock, greenMail);
    }

    public int httpPort() {
        return wireMock.port();
    }

    public int smtpPort() {
        return greenMail.getSmtp().getPort();
    }

    public int pop3Port() {
        return greenMail.getPop3().getPort();
    }

    public String baseUrl() {
        return "http://" + LOOPBACK + ":" + httpPort();
    }

    /** The travel fulfiller's base URL: the workers reserve seats there, and booking-api searches offers. */
    public String travelFulfillerUrl() {
        return baseUrl() + "/travel-fulfiller";
    }

    /**
     * Where the workers find their partners and mail server. Not the booking API, which the workers also read: only the
     * caller knows where it runs.
     */
    public Map<String, String> quarkusConfig() {
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.rest-client.payment-processor.url", baseUrl() + "/payment-processor");
        config.put("quarkus.rest-client.travel-fulfiller.url", travelFulfillerUrl());
        config.put("quarkus.rest-client.airline.url", baseUrl() + "/airline");
        config.put("quarkus.mailer.host", LOOPBACK);
        config.put("quarkus.mailer.port", Integer.toString(smtpPort()));
        config.put("quarkus.mailer.start-tls", "DISABLED");
        // Where GreenMail runs in the app's JVM (tests, dev mode) its INFO lines name every recipient's address.
        config.put("quarkus.log.category.\"com.icegreen.greenmail\".level", "WARN");
        return config;
    }

    /** An email as the mail server received it: enough to tell one message (its Message-ID) from its news. */
    public record ReceivedEmail(String messageId, String subject) {
    }

    /** Every email the mail server received, once per recipient, in the order received. */
    public List<ReceivedEmail> receivedEmails() {
        List<ReceivedEmail> emails = new ArrayList<>();
        for (MimeMessage message : greenMail.getReceivedMessages()) {
            try {
                emails.add(new ReceivedEmail(message.getMessageID(), message.getSubject()));
            } catch (MessagingException e) {
                throw new IllegalStateException("Cannot read a received email's headers", e);
            }
        }
        return emails;
    }

    @Override
    public void close() {
        try {
            greenMail.stop();
        } finally {
            wireMock.stop();
        }
    }
}
