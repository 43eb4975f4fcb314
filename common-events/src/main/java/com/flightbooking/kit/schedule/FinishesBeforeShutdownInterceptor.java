package com.flightbooking.kit.schedule;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import io.smallrye.mutiny.Uni;

/**
 * Counts each {@link FinishesBeforeShutdown} round in {@link RoundsInFlight} until it ends, and skips it once shutdown
 * has begun. A round returning {@code Uni} ends when that {@code Uni} terminates (the scheduler subscribes to it at
 * once); any other round when the method returns.
 */
@FinishesBeforeShutdown
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE)
class FinishesBeforeShutdownInterceptor {

    private final RoundsInFlight rounds;

    FinishesBeforeShutdownInterceptor(RoundsInFlight rounds) {
        this.rounds = rounds;
    }

    @AroundInvoke
    Object countWhileRunning(InvocationContext invocation) throws Exception {
        boolean returnsUni = Uni.class.isAssignableFrom(invocation.getMethod().getReturnType());
        if (!rounds.start()) {
            return returnsUni ? Uni.createFrom().voidItem() : null;
        }
        Object result;
        try {
            result = invocation.proceed();
        } catch (Exception | Error e) {
            rounds.end();
            throw e;
        }
        if (result instanceof Uni<?> round) {
            return round.onTermination().invoke(rounds::end);
        }
        rounds.end();
        return result;
    }
}
