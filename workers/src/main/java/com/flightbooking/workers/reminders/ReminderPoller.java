package com.flightbooking.workers.reminders;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Singleton;

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
 * Fires due departure reminders, a batch per transaction ({@link ReminderService#fireBatch()}). Runs at startup, which
 * catches up on whatever fell due while no worker ran, then every {@code poll-interval}; a full batch is followed by the
 * next at once.
 */
@ApplicationScoped
public class ReminderPoller {

    /** Totals of a run of batches. */
    public record Totals(int fired, int expired) {
    }

    private final ReminderService reminders;
    private final RemindersConfig config;

    ReminderPoller(ReminderService reminders, RemindersConfig config) {
        this.reminders = reminders;
        this.config = config;
    }

    // Skipped while a catch-up still runs: one run per process at a time is enough.
    @FinishesBeforeShutdown
    @Scheduled(identity = "departure-reminders", every = "${flights.reminders.poll-interval}", concurrentExecution = ConcurrentExecution.SKIP, skipExecutionIf = Off.class)
    Uni<Void> poll() {
        long start = System.nanoTime();
        return fireDue()
                .invoke(totals -> {
                    if (totals.fired() > 0 || totals.expired() > 0) {
                        Log.infof("Departure reminders: %d fired, %d expired (flight gone) in %d ms", totals.fired(),
                                totals.expired(), (System.nanoTime() - start) / 1_000_000);
                    }
                })
                .replaceWithVoid()
                .onFailure().recoverWithItem(failure -> {
                    Log.warnf(failure, "Departure reminder round failed; next try in %s", config.pollInterval());
                    return null;
                });
    }

    /** Fires every due reminder, one batch per transaction, until a batch comes back short. */
    public Uni<Totals> fireDue() {
        AtomicInteger batches = new AtomicInteger();
        AtomicInteger fired = new AtomicInteger();
        AtomicInteger expired = new AtomicInteger();
        return Multi.createBy().repeating().uni(reminders::fireBatch)
                .whilst(batch -> batch.claimed() == config.batchSize())
                .invoke(batch -> {
                    fired.addAndGet(batch.fired().size());
                    expired.addAndGet(batch.expired().size());
                    if (batches.incrementAndGet() % 10 == 0) {
                        Log.infof("Catching up on departure reminders: %d fired so far", fired.get());
                    }
                })
                .collect().last()
                .map(last -> new Totals(fired.get(), expired.get()));
    }

    /** Skips the poller outside the processes of the reminders role, and where it is switched off. */
    @Singleton
    static class Off implements Scheduled.SkipPredicate {

        private final boolean off;

        Off(RemindersConfig config, MessagingConfig messaging) {
            boolean remindersRole = messaging.roles().orElse(List.of()).contains(QueueRole.Names.REMINDERS);
            off = !remindersRole || !config.poller().enabled();
            if (remindersRole && off) {
                Log.info("Departure reminder poller is off in this process (flights.reminders.poller.enabled)");
            }
        }

        @Override
        public boolean test(ScheduledExecution execution) {
            return off;
        }
    }
}
