package com.flightbooking.workers;

import java.util.List;
import java.util.UUID;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.flightbooking.events.testing.PartnerEffects;
import com.flightbooking.localinfra.Mailbox;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/**
 * The simulated partners of this test run ({@code LocalPartners}): what they were asked (WireMock's request
 * journal) and what they did, extra stubs for fault injection, and the mail the workers sent.
 */
@Singleton
public class Partners {

    private final WireMock wireMock;
    private final Mailbox mailbox;
    private final PartnerEffects effects;

    Partners(@ConfigProperty(name = "test.partners.port") int httpPort,
            @ConfigProperty(name = "test.partners.pop3-port") int pop3Port) {
        this.wireMock = new WireMock("127.0.0.1", httpPort);
        this.mailbox = new Mailbox(pop3Port);
        this.effects = new PartnerEffects(wireMock);
    }

    /** What the partners did (charges, refunds, seats), one per idempotency key as the real ones count. */
    public PartnerEffects effects() {
        return effects;
    }

    /** The requests the partners received that match. */
    public List<LoggedRequest> requests(RequestPatternBuilder pattern) {
        return wireMock.find(pattern);
    }

    /** Adds a stub; the caller removes it ({@link #remove}) when its test ends. */
    public StubMapping add(MappingBuilder stub) {
        return wireMock.register(stub);
    }

    /**
     * Holds the booking's calls to {@code path} (its {@code reference}) for {@code millis}, then fails them with a 503:
     * while the stub is there, the partner answers none of them; removing it ({@link #remove}) lets the next call
     * through to the partner's usual answer.
     */
    public StubMapping hold(String path, UUID bookingId, int millis) {
        return add(WireMock.post(WireMock.urlPathEqualTo(path)).atPriority(1)
                .withRequestBody(WireMock.matchingJsonPath("$.reference", WireMock.equalTo(bookingId.toString())))
                .willReturn(WireMock.aResponse().withFixedDelay(millis).withStatus(503)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":\"unavailable\",\"message\":\"try again later\"}")));
    }

    public void remove(StubMapping stub) {
        wireMock.removeStubMapping(stub);
    }

    public List<Mailbox.Email> emailsTo(String address) {
        return mailbox.of(address);
    }
}
