package com.flightbooking.workers.invoicing;

import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.mutiny.core.Vertx;

/**
 * The invoicing schedule: at startup and every {@code flights.invoicing.check-interval}, issues the billing periods
 * that have ended (catching up any missed while nothing ran) and emails what is still to email. A scheduled job,
 * not a queue role; every replica may run it (see {@link InvoiceIssuer} for why that issues each period once).
 */
@ApplicationScoped
public class InvoicingJob {

    private final Invoicing invoicing;
    private final InvoicingConfig config;
    private final Vertx vertx;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean wokenWhileRunning = new AtomicBoolean();
    private volatile long timer = -1;

    // The calendar is taken here so that a wrong period configuration stops the app at startup.
    InvoicingJob(Invoicing invoicing, InvoicingConfig config, BillingCalendar calendar, Vertx vertx) {
        this.invoicing = invoicing;
        this.config = config;
        this.vertx = vertx;
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.enabled()) {
            Log.info("Invoicing schedule off (flights.invoicing.enabled=false); the /admin/invoices endpoints work");
            return;
        }
        timer = vertx.setPeriodic(config.checkInterval().toMillis(), id -> wake());
        wake();
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Asks for a run soon; runs never overlap within a process. */
    void wake() {
        wokenWhileRunning.set(true);
        if (running.compareAndSet(false, true)) {
            wokenWhileRunning.set(false);
            // Sessions and transactions need a (safe) context of their own, which a timer callback does not have.
            Context context = VertxContext.createNewDuplicatedContext(vertx.getDelegate().getOrCreateContext());
            VertxContextSafetyToggle.setContextSafe(context, true);
            context.runOnContext(ignored -> Uni.createFrom().deferred(this::run).subscribe().with(
                    done -> finished(),
                    failure -> {
                        Log.warnf(failure, "Invoicing run failed; the next one in %s tries again",
                                config.checkInterval());
                        finished();
                    }));
        }
    }

    private Uni<Void> run() {
        return invoicing.catchUp()
                .onFailure().recoverWithItem(failure -> {
                    Log.warnf(failure, "Issuing invoices failed; the next run in %s tries again",
                            config.checkInterval());
                    return null;
                })
                .chain(() -> invoicing.sendPending(null))
                .replaceWithVoid();
    }

    private void finished() {
        running.set(false);
        if (wokenWhileRunning.get()) {
            wake();
        }
    }
}
