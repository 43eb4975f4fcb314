package com.flightbooking.kit.health;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import io.smallrye.mutiny.Uni;

/**
 * A call to a dependency, bounded by {@code flights.health.timeout}, as an UP or DOWN answer. A DOWN answer says, in
 * its {@code impact}, what the app still does without the dependency.
 */
final class DependencyCheck {

    /** Beyond the calls' own timeout, in case a call ignores it: a readiness answer must never hang. */
    private static final Duration GRACE = Duration.ofMillis(500);

    private DependencyCheck() {
    }

    /**
     * UP when {@code call} completes, DOWN with an {@code error} and the {@code impact} when it fails; {@code call}
     * bounds its requests by {@code timeout} itself (the SDK's {@code apiCallTimeout}, retries included), so that a
     * failure says which request timed out. The response carries the name and data {@code builder} already holds
     * either way.
     */
    static Uni<HealthCheckResponse> run(HealthCheckResponseBuilder builder, Duration timeout, String impact,
            Supplier<? extends CompletionStage<?>> call) {
        Duration deadline = timeout.plus(GRACE);
        return Uni.createFrom().completionStage(call)
                .ifNoItem().after(deadline).failWith(() -> new TimeoutException("no answer within " + deadline))
                .map(answer -> builder.up().build())
                .onFailure().recoverWithItem(failure -> down(builder, reason(failure), impact));
    }

    static HealthCheckResponse down(HealthCheckResponseBuilder builder, String error, String impact) {
        return builder.down().withData("error", error).withData("impact", impact).build();
    }

    /** The root cause, for the {@code error} data: the wrappers add nothing. */
    static String reason(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
