package com.flightbooking.workers.invoicing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import com.flightbooking.kit.schedule.FinishesBeforeShutdown;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import io.quarkus.scheduler.ScheduledExecution;
import io.smallrye.mutiny.Uni;

/**
 * The invoicing schedule: at startup and every {@code flights.invoicing.check-interval}, issues the billing periods
 * that have ended (catching up any missed while nothing ran) and emails what is still to email. A scheduled job,
 * not a queue role; every replica may run it (see {@link InvoiceIssuer} for why that issues each period once).
 */
@ApplicationScoped
public class InvoicingJob {

    private final BillingRunService billingRuns;
    private final InvoiceDeliveryService delivery;
    private final InvoicingConfig config;

    // The calendar is taken here, and the job made at startup, so that a wrong period configuration stops the app.
    InvoicingJob(BillingRunService billingRuns, InvoiceDeliveryService delivery, InvoicingConfig config,
            BillingCalendar calendar) {
        this.billingRuns = billingRuns;
        this.delivery = delivery;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.enabled()) {
            Log.info("Invoicing schedule off (flights.invoicing.enabled=false); the /admin/invoices endpoints work");
        }
    }

    // Runs never overlap within a process: a run still going when the next is due makes that one skip.
    @FinishesBeforeShutdown
    @Scheduled(identity = "invoicing", every = "${flights.invoicing.check-interval}", concurrentExecution = ConcurrentExecution.SKIP, skipExecutionIf = Off.class)
    Uni<Void> run() {
        return billingRuns.catchUp()
                .onFailure().recoverWithItem(failure -> {
                    Log.warnf(failure, "Issuing invoices failed; the next run in %s tries again",
                            config.checkInterval());
                    return null;
                })
                .chain(() -> delivery.sendPending(null))
                .replaceWithVoid()
                .onFailure().recoverWithItem(failure -> {
                    Log.warnf(failure, "Invoicing run failed; the next one in %s tries again", config.checkInterval());
                    return null;
                });
    }

    /** Skips the schedule where it is switched off ({@code flights.invoicing.enabled=false}). */
    @Singleton
    static class Off implements Scheduled.SkipPredicate {

        private final InvoicingConfig config;

        Off(InvoicingConfig config) {
            this.config = config;
        }

        @Override
        public boolean test(ScheduledExecution execution) {
            return !config.enabled();
        }
    }
}
