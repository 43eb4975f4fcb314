package com.flightbooking.events.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.InterceptionType;
import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.flightbooking.kit.schedule.FinishesBeforeShutdown;

import io.quarkus.scheduler.Scheduler;
import io.quarkus.scheduler.Trigger;

/**
 * Shutdown lets every scheduled round of an app finish before the pools close, and starts none: each app's
 * {@code @QuarkusTest} extends this, so that a round added without {@link FinishesBeforeShutdown} fails its build.
 */
public abstract class ScheduledRoundsContract {

    @Inject
    Scheduler scheduler;
    @Inject
    BeanManager beans;

    @Test
    void everyScheduledRoundFinishesBeforeShutdown() {
        // As the scheduler lists them: com.example.Job#run
        List<String> rounds = scheduler.getScheduledJobs().stream().map(Trigger::getMethodDescription).sorted()
                .toList();

        assertThat(rounds).isNotEmpty();
        assertThat(rounds).filteredOn(round -> !finishesBeforeShutdown(round)).isEmpty();
        assertThat(beans.resolveInterceptors(InterceptionType.AROUND_INVOKE, new FinishesBeforeShutdownLiteral()))
                .isNotEmpty();
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

    private static final class FinishesBeforeShutdownLiteral extends AnnotationLiteral<FinishesBeforeShutdown>
            implements FinishesBeforeShutdown {
    }
}
