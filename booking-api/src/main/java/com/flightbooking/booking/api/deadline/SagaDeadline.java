package com.flightbooking.booking.api.deadline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Singleton;

import com.flightbooking.booking.api.service.BookingLifecycle;
import com.flightbooking.events.QueueRole;
import com.flightbooking.kit.messaging.MessagingConfig;
import com.flightbooking.kit.schedule.FinishesBeforeShutdown;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import io.quarkus.scheduler.ScheduledExecution;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Every saga ends: a booking still PENDING {@code flights.saga.deadline} after it was created is ended as EXPIRED
 * ({@link BookingLifecycle#expireOverdue}). The timer is the booking row itself (its status and creation time), so it
 * survives every restart, and a poller that runs at startup catches up on whatever fell due while no API ran.
 */
@ApplicationScoped
public class SagaDeadline {

    private final BookingLifecycle lifecycle;
    private final SagaDeadlineConfig config;
    private final Clock clock;

    SagaDeadline(BookingLifecycle lifecycle, SagaDeadlineConfig config, Clock clock) {
        this.lifecycle = lifecycle;
        this.config = config;
        this.clock = clock;
    }

    @FinishesBeforeShutdown
    @Scheduled(identity = "saga-deadline", every = "${flights.saga.poll-interval}", concurrentExecution = ConcurrentExecution.SKIP, skipExecutionIf = Off.class)
    Uni<Void> poll() {
        return expireOverdue()
                .invoke(expired -> {
                    if (expired > 0) {
                        Log.infof("Saga deadline: %d bookings expired after %s without an outcome", expired,
                                config.deadline());
                    }
                })
                .replaceWithVoid()
                .onFailure().recoverWithItem(failure -> {
                    Log.warnf(failure, "Saga deadline round failed; next try in %s", config.pollInterval());
                    return null;
                });
    }

    /** Expires every overdue booking, one batch per transaction, until a batch comes back short; how many it did. */
    public Uni<Integer> expireOverdue() {
        Instant createdBefore = clock.instant().minus(config.deadline());
        String reason = "no outcome within " + humanized(config.deadline());
        AtomicInteger expired = new AtomicInteger();
        return Multi.createBy().repeating()
                .uni(() -> lifecycle.expireOverdue(createdBefore, config.batchSize(), reason))
                .whilst(batch -> batch.size() == config.batchSize())
                .invoke((List<UUID> batch) -> expired.addAndGet(batch.size()))
                .collect().last()
                .map(last -> expired.get());
    }

    /** PT15M → "15 minutes", for the customer's email and the booking's reason. */
    static String humanized(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds % 3600 == 0) {
            return plural(seconds / 3600, "hour");
        }
        if (seconds % 60 == 0) {
            return plural(seconds / 60, "minute");
        }
        return plural(seconds, "second");
    }

    private static String plural(long count, String unit) {
        return count + " " + unit + (count == 1 ? "" : "s");
    }

    /** Skips the poller outside the processes of the booking-status role, and where it is switched off. */
    @Singleton
    static class Off implements Scheduled.SkipPredicate {

        private final boolean off;

        Off(SagaDeadlineConfig config, MessagingConfig messaging) {
            boolean statusRole = messaging.roles().orElse(List.of()).contains(QueueRole.Names.BOOKING_STATUS);
            off = !statusRole || !config.poller().enabled();
            if (statusRole && off) {
                Log.info("Saga deadline poller is off in this process (flights.saga.poller.enabled)");
            }
        }

        @Override
        public boolean test(ScheduledExecution execution) {
            return off;
        }
    }
}
