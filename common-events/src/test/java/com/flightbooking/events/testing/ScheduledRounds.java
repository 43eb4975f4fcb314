package com.flightbooking.events.testing;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.InterceptionType;
import jakarta.enterprise.inject.spi.Interceptor;
import jakarta.enterprise.util.AnnotationLiteral;

import com.flightbooking.kit.schedule.FinishesBeforeShutdown;

import io.quarkus.scheduler.Scheduler;
import io.quarkus.scheduler.Trigger;

/** The scheduled methods of a running app, as its scheduler lists them ({@code com.example.Job#run}). */
public final class ScheduledRounds {

    private ScheduledRounds() {
    }

    public static List<String> all(Scheduler scheduler) {
        return scheduler.getScheduledJobs().stream().map(Trigger::getMethodDescription).sorted().toList();
    }

    /** Those that shutdown would cut short as it closes the pools: without {@link FinishesBeforeShutdown}. */
    public static List<String> notFinishedBeforeShutdown(Scheduler scheduler) {
        return all(scheduler).stream().filter(description -> !finishesBeforeShutdown(description)).toList();
    }

    /** The interceptors the app runs around a {@link FinishesBeforeShutdown} method. */
    public static List<Interceptor<?>> shutdownInterceptors(BeanManager beans) {
        return beans.resolveInterceptors(InterceptionType.AROUND_INVOKE, new FinishesBeforeShutdownLiteral());
    }

    private static final class FinishesBeforeShutdownLiteral extends AnnotationLiteral<FinishesBeforeShutdown>
            implements FinishesBeforeShutdown {
    }

    private static boolean finishesBeforeShutdown(String methodDescription) {
        String[] classAndMethod = methodDescription.split("#", 2);
        try {
            Class<?> type = Class.forName(classAndMethod[0], false, Thread.currentThread().getContextClassLoader());
            Method method = Arrays.stream(type.getDeclaredMethods()).filter(m -> m.getName().equals(classAndMethod[1]))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no method " + methodDescription));
            return method.isAnnotationPresent(FinishesBeforeShutdown.class)
                    || type.isAnnotationPresent(FinishesBeforeShutdown.class);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("no class for " + methodDescription, e);
        }
    }
}
