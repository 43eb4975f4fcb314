package com.flightbooking.systemtests.faults;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.flightbooking.events.testing.SwitchableProxy;
import com.flightbooking.systemtests.RunningSystem;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

/**
 * The faults the suite injects into one running system, each returning once the system has been given back what it
 * lost (a killed app restarted, the processor answering again, ...), as an orchestrator or the partner would.
 *
 * <p>
 * The emulator is paused, never killed: fauxqs runs in memory here, so kill -9 would lose every queued message, which
 * no real SQS does. kill -9 is for the processes whose state is durable: booking-api, the workers, PostgreSQL.
 */
final class FaultScenarios {

    /** A fault that, once injected, lasts about {@code length}. */
    record Scenario(String name, String what, Duration length, Fault fault) {
    }

    @FunctionalInterface
    interface Fault {
        void inject() throws Exception;
    }

    /** How long the faults last: {@code faults.processor-outage} (10m), {@code faults.smtp-hang} (2m), ... */
    record Lengths(Duration processorOutage, Duration smtpHang, Duration emulatorPause) {
        static Lengths fromSystemProperties() {
            return new Lengths(duration("faults.processor-outage", "10m"), duration("faults.smtp-hang", "2m"),
                    duration("faults.emulator-pause", "60s"));
        }

        private static Duration duration(String property, String fallback) {
            return Durations.parse(System.getProperty(property, fallback));
        }
    }

    /** About how long a process takes to come back: the load keeps going meanwhile. */
    private static final Duration RESTART = Duration.ofSeconds(30);

    private final RunningSystem system;
    private final Map<String, String> apiConfig;
    private final Map<String, String> workersConfig;
    private final SwitchableProxy smtp;
    private final Consumer<String> progress;

    /**
     * @param smtp the proxy between the workers and the mail server (the workers' {@code quarkus.mailer.port})
     * @param apiConfig configuration booking-api is restarted with
     * @param workersConfig configuration the workers are restarted with
     */
    FaultScenarios(RunningSystem system, Map<String, String> apiConfig, Map<String, String> workersConfig,
            SwitchableProxy smtp, Consumer<String> progress) {
        this.system = system;
        this.apiConfig = apiConfig;
        this.workersConfig = workersConfig;
        this.smtp = smtp;
        this.progress = progress;
    }

    List<Scenario> all(Lengths lengths) {
        return List.of(
                new Scenario("booking-api-kill", "kill -9 booking-api, restart it", RESTART, this::killBookingApi),
                new Scenario("workers-kill", "kill -9 the workers, restart them", RESTART, this::killWorkers),
                new Scenario("postgres-restart", "PostgreSQL stopped (fast shutdown) and started on the same data",
                        RESTART, () -> restartPostgres(false)),
                new Scenario("postgres-kill", "kill -9 PostgreSQL's postmaster, start it on the same data (crash "
                        + "recovery)", RESTART, () -> restartPostgres(true)),
                new Scenario("emulator-pause", "SIGSTOP the SNS/SQS emulator for " + Durations.show(
                        lengths.emulatorPause()) + ", then SIGCONT", lengths.emulatorPause(),
                        () -> pauseEmulator(lengths.emulatorPause())),
                new Scenario("smtp-hang", "the mail server accepts connections and never answers for "
                        + Durations.show(lengths.smtpHang()), lengths.smtpHang(), () -> hangSmtp(lengths.smtpHang())),
                new Scenario("processor-outage", "the payment processor answers 503 to everything for "
                        + Durations.show(lengths.processorOutage()), lengths.processorOutage(),
                        () -> processorOutage(lengths.processorOutage())));
    }

    private void killBookingApi() {
        progress.accept("kill -9 booking-api (pid " + system.bookingApiPid() + ")");
        system.killBookingApi();
        system.startBookingApi(apiConfig);
        progress.accept("booking-api is back (pid " + system.bookingApiPid() + ")");
    }

    private void killWorkers() {
        progress.accept("kill -9 workers (pid " + system.workersPid() + ")");
        system.killWorkers();
        system.startWorkers(workersConfig);
        progress.accept("workers are back (pid " + system.workersPid() + ")");
    }

    private void restartPostgres(boolean crash) {
        progress.accept((crash ? "kill -9" : "stop") + " PostgreSQL (pid " + system.postgresPid() + ")");
        system.restartPostgres(crash);
        progress.accept("PostgreSQL is back (pid " + system.postgresPid() + ")");
    }

    private void pauseEmulator(Duration length) throws InterruptedException {
        progress.accept("SIGSTOP the emulator for " + Durations.show(length));
        system.pauseEmulator();
        try {
            Thread.sleep(length.toMillis());
        } finally {
            system.resumeEmulator();
            progress.accept("SIGCONT the emulator");
        }
    }

    private void hangSmtp(Duration length) throws InterruptedException {
        progress.accept("the mail server hangs for " + Durations.show(length));
        smtp.hang();
        try {
            Thread.sleep(length.toMillis());
        } finally {
            int hung = smtp.hungConnections();
            smtp.up();
            progress.accept("the mail server answers again (" + hung + " connections were left hanging)");
        }
    }

    private void processorOutage(Duration length) throws InterruptedException {
        WireMock partners = system.partners();
        // Above every simulator stub (the lowest priority number wins), on every path of the processor.
        StubMapping outage = partners.register(any(urlPathMatching("/payment-processor/.*")).atPriority(1)
                .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"service unavailable\"}")));
        progress.accept("the payment processor answers 503 for " + Durations.show(length));
        try {
            Thread.sleep(length.toMillis());
        } finally {
            partners.removeStubMapping(outage);
            progress.accept("the payment processor is back");
        }
    }
}
