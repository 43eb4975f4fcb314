package com.flightbooking.workers.partner;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

import com.flightbooking.kit.consumer.PermanentFailure;

class PartnerFailuresTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

    @Test
    void retryAfterIsReadAsSecondsOrAsAnHttpDate() {
        assertThat(PartnerFailures.retryAfter("120", NOW)).contains(Duration.ofMinutes(2));
        assertThat(PartnerFailures.retryAfter("Wed, 02 Dec 2026 10:05:00 GMT", NOW)).contains(Duration.ofMinutes(5));
        assertThat(PartnerFailures.retryAfter("Wed, 02 Dec 2026 09:00:00 GMT", NOW)).contains(Duration.ZERO);
        assertThat(PartnerFailures.retryAfter("soon", NOW)).isEmpty();
        assertThat(PartnerFailures.retryAfter(null, NOW)).isEmpty();
    }

    @Test
    void aBusyPartnersRetryAfterTravelsWithTheFailure() {
        RuntimeException failure = PartnerFailures.from("payment processor",
                Response.status(429).header("Retry-After", "30").build(), 402);

        assertThat(failure).isInstanceOfSatisfying(PartnerUnavailable.class,
                unavailable -> assertThat(unavailable.retryAfter()).contains(Duration.ofSeconds(30)));
        assertThat(((PartnerUnavailable) PartnerFailures.from("payment processor", Response.status(503).build(), 402))
                .retryAfter()).isEqualTo(Optional.empty());
    }

    @Test
    void aRejectionAndOurOwnMistakesAreNotRetried() {
        assertThat(PartnerFailures.from("travel fulfiller", Response.status(409).build(), 409))
                .isInstanceOf(PartnerRejection.class);
        assertThat(PartnerFailures.from("travel fulfiller", Response.status(400).build(), 409))
                .isInstanceOf(PermanentFailure.class);
    }
}
