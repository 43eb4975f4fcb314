package com.flightbooking.workers.partner;

import java.io.IOException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

import jakarta.ws.rs.ProcessingException;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import com.flightbooking.kit.consumer.PermanentFailure;
import com.flightbooking.kit.consumer.ReceiveGate.Admission;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.Guard;

/**
 * The circuit breaker of one partner (SmallRye Fault Tolerance), shared by every call to it from this process: the
 * partner's client methods carry {@code @ApplyGuard(<partner>)}. Only the partner being unavailable counts as a
 * failure ({@link #isOutage}); a business refusal or a request of ours it rejects does not. It logs each transition
 * and tells the role's {@link PartnerGate} when to hold receives.
 * <p>
 * Metrics: {@code flights.partner.circuit.breaker.state{partner,state}} is 1 for the current state (closed, open,
 * half_open) and 0 for the others; {@code flights.partner.circuit.breaker.transitions{partner,state}} counts the moves
 * into each state. (SmallRye's own {@code ft.circuitbreaker.*} name the client's generated methods, one series per
 * method, not the partner.)
 */
public final class PartnerCircuitBreaker {

    private final String partner;
    private final Settings settings;
    private final LongSupplier nanoTime;
    private final Guard guard;
    private final Map<CircuitBreakerState, Counter> transitions = new EnumMap<>(CircuitBreakerState.class);
    private volatile CircuitBreakerState state = CircuitBreakerState.CLOSED;
    private volatile long openedAtNanos;

    /**
     * {@code flights.partners.<partner>.circuit-breaker.*}: the breaker opens when at least {@code failure-ratio} of
     * the last {@code request-volume-threshold} calls failed, lets a probe through after {@code delay}, and closes
     * after {@code success-threshold} probes succeed.
     */
    public record Settings(int requestVolumeThreshold, double failureRatio, Duration delay, int successThreshold) {

        static Settings of(Config config, String partner) {
            String prefix = "flights.partners." + partner + ".circuit-breaker.";
            return new Settings(
                    config.getOptionalValue(prefix + "request-volume-threshold", Integer.class).orElse(20),
                    config.getOptionalValue(prefix + "failure-ratio", Double.class).orElse(0.5),
                    config.getOptionalValue(prefix + "delay", Duration.class).orElse(Duration.ofSeconds(30)),
                    config.getOptionalValue(prefix + "success-threshold", Integer.class).orElse(1));
        }
    }

    PartnerCircuitBreaker(String partner, Settings settings, LongSupplier nanoTime, MeterRegistry registry) {
        this.partner = partner;
        this.settings = settings;
        this.nanoTime = nanoTime;
        for (CircuitBreakerState each : CircuitBreakerState.values()) {
            Gauge.builder("flights.partner.circuit.breaker.state", this, breaker -> breaker.state == each ? 1 : 0)
                    .tag("partner", partner).tag("state", tag(each))
                    .description("1 for the partner's circuit breaker's current state, 0 for the others")
                    .register(registry);
            transitions.put(each, Counter.builder("flights.partner.circuit.breaker.transitions").tag("partner", partner)
                    .tag("state", tag(each)).description("Moves of the partner's circuit breaker into this state")
                    .register(registry));
        }
        this.guard = Guard.create()
                .withDescription(partner)
                .withCircuitBreaker()
                .name(partner)
                .requestVolumeThreshold(settings.requestVolumeThreshold())
                .failureRatio(settings.failureRatio())
                .delay(settings.delay().toMillis(), ChronoUnit.MILLIS)
                .successThreshold(settings.successThreshold())
                .when(PartnerCircuitBreaker::isOutage)
                .onStateChange(this::changed)
                .done()
                .build();
    }

    public Settings settings() {
        return settings;
    }

    Guard guard() {
        return guard;
    }

    public CircuitBreakerState state() {
        return state;
    }

    /** What the role that needs this partner may receive now. */
    public Admission admission() {
        return admission(state, Duration.ofNanos(nanoTime.getAsLong() - openedAtNanos), settings.delay());
    }

    /**
     * Closed: as usual. Half-open: one message at a time, so that one call probes the partner. Open: nothing until
     * its delay has passed (the breaker then turns half-open by itself; until it says so, probe all the same).
     */
    static Admission admission(CircuitBreakerState state, Duration open, Duration delay) {
        return switch (state) {
            case CLOSED -> Admission.OPEN;
            case HALF_OPEN -> Admission.ONE_AT_A_TIME;
            case OPEN -> open.compareTo(delay) >= 0 ? Admission.ONE_AT_A_TIME : Admission.CLOSED;
        };
    }

    /** The partner is unavailable: it answered 5xx, 429 or 408, or could not be reached or did not answer in time. */
    static boolean isOutage(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PartnerRejection || cause instanceof PermanentFailure) {
                return false;
            }
            if (cause instanceof PartnerUnavailable || cause instanceof ProcessingException
                    || cause instanceof IOException || cause instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** Whether a call failed because this breaker refused it, without reaching the partner. */
    static boolean refusedByBreaker(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CircuitBreakerOpenException) {
                return true;
            }
        }
        return false;
    }

    private static String tag(CircuitBreakerState state) {
        return state.name().toLowerCase(Locale.ROOT);
    }

    private void changed(CircuitBreakerState next) {
        CircuitBreakerState previous = state;
        if (next == CircuitBreakerState.OPEN) {
            openedAtNanos = nanoTime.getAsLong();
        }
        state = next;
        transitions.get(next).increment();
        String pause = settings.delay().toString().substring(2).toLowerCase(Locale.ROOT);
        switch (next) {
            case OPEN -> Log.warnf("Circuit breaker of partner %s opened: %s; no calls for %s, then one probe", partner,
                    previous == CircuitBreakerState.HALF_OPEN ? "the probe found it still unavailable"
                            : String.format(Locale.ROOT, "at least %.0f%% of the last %d calls found it unavailable",
                                    settings.failureRatio() * 100, settings.requestVolumeThreshold()),
                    pause);
            case HALF_OPEN -> Log.infof("Circuit breaker of partner %s half-open: probing it with one call", partner);
            case CLOSED -> Log.infof("Circuit breaker of partner %s closed: it answers again", partner);
        }
    }
}
