package com.flightbooking.workers.partner;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import jakarta.ws.rs.ProcessingException;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.Test;

import com.flightbooking.kit.consumer.PermanentFailure;
import com.flightbooking.kit.consumer.ReceiveGate.Admission;

import io.smallrye.faulttolerance.api.CircuitBreakerState;

/** Which failures open a partner's breaker, and what its state lets the role receive. */
class PartnerCircuitBreakerTest {

    private static final Duration DELAY = Duration.ofSeconds(30);

    @Test
    void aClosedBreakerLetsTheRoleReceiveAsUsual() {
        assertThat(PartnerCircuitBreaker.admission(CircuitBreakerState.CLOSED, Duration.ZERO, DELAY))
                .isEqualTo(Admission.OPEN);
    }

    @Test
    void anOpenBreakerHoldsReceivesUntilItsDelayHasPassed() {
        assertThat(PartnerCircuitBreaker.admission(CircuitBreakerState.OPEN, Duration.ofSeconds(29), DELAY))
                .isEqualTo(Admission.CLOSED);
        assertThat(PartnerCircuitBreaker.admission(CircuitBreakerState.OPEN, DELAY, DELAY))
                .isEqualTo(Admission.ONE_AT_A_TIME);
    }

    @Test
    void aHalfOpenBreakerLetsOneMessageAtATimeProbeThePartner() {
        assertThat(PartnerCircuitBreaker.admission(CircuitBreakerState.HALF_OPEN, Duration.ZERO, DELAY))
                .isEqualTo(Admission.ONE_AT_A_TIME);
    }

    @Test
    void unavailabilityCountsAsAFailure() {
        assertThat(PartnerCircuitBreaker.isOutage(new PartnerUnavailable("payment processor answered 503"))).isTrue();
        assertThat(PartnerCircuitBreaker.isOutage(new ProcessingException(new ConnectException("refused")))).isTrue();
        assertThat(PartnerCircuitBreaker.isOutage(new ProcessingException(new TimeoutException()))).isTrue();
    }

    @Test
    void aBusinessRefusalOrARequestThePartnerRejectsDoesNotCount() {
        assertThat(PartnerCircuitBreaker.isOutage(new PartnerRejection("card_declined", "declined"))).isFalse();
        assertThat(PartnerCircuitBreaker.isOutage(new PermanentFailure("payment processor answered 401")))
                .isFalse();
        assertThat(PartnerCircuitBreaker.isOutage(new IllegalStateException("a bug of ours"))).isFalse();
    }

    @Test
    void aCallTheBreakerRefusedIsRecognisedAsUntried() {
        assertThat(PartnerCircuitBreaker.refusedByBreaker(new CircuitBreakerOpenException("open"))).isTrue();
        assertThat(PartnerCircuitBreaker.refusedByBreaker(new PartnerUnavailable("answered 503"))).isFalse();
    }
}
