package com.flightbooking.systemtests.faults;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.awaitility.core.ConditionTimeoutException;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.flightbooking.events.testing.SwitchableProxy;
import com.flightbooking.systemtests.RunningSystem;
import com.flightbooking.systemtests.bench.BookingLoad;
import com.flightbooking.systemtests.bench.BookingRecords;
import com.flightbooking.systemtests.faults.BookingCheck.Problem;
import com.flightbooking.systemtests.faults.FaultScenarios.Scenario;

/**
 * The fault suite: one running system (both packaged apps, PostgreSQL, the SNS/SQS emulator, the partner simulators
 * and the mail server, as {@code exec:java@load} runs them) under a steady open-loop booking load, and one fault after
 * another ({@link FaultScenarios}). Each scenario: load for {@code faults.before}, the fault, load for
 * {@code faults.after}; then a drain until every booking accepted in it is final (at most {@code faults.drain}: 3 min
 * plus the longest retry backoff, 5 min) and until the ledger and the emails have caught up (at most
 * {@code faults.settle}). Then it counts, per scenario, the bookings accepted, final and stuck, charges and emails per
 * booking, and the ledger against the processor's journal ({@link BookingCheck}), and prints a table; JSON, a markdown
 * table and the system's log go to {@code system-tests/target/fault-suite}. It fails (a non-zero exit) when any
 * scenario has a stuck or doubled booking, money not refunded, a ledger differing from the processor, or an email
 * missing.
 *
 * <p>
 * Arguments: the scenarios to run (default all, in order). System properties: {@code faults.rate} (bookings/s, 5),
 * {@code faults.before} / {@code faults.after} (30s), {@code faults.drain} (8m), {@code faults.settle} (5m),
 * {@code faults.processor-outage} (10m), {@code faults.smtp-hang} (2m), {@code faults.emulator-pause} (60s).
 */
public final class FaultSuite {

    private static final Instant LAUNCHED = Instant.now();
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(15);
    /** As ./run-local runs the apps (the tests' 5 s would hide what a production-like visibility timeout does). */
    private static final Map<String, String> AS_RUN_LOCAL = Map.of("flights.messaging.provisioning.visibility-timeout",
            "30s");

    private final RunningSystem system;
    private final BookingLoad load;
    private final BookingRecords records;
    private final int rate;
    private final Duration before;
    private final Duration after;
    private final Duration drain;
    private final Duration settle;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "fault-suite-progress");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Supplier<String> status = () -> "starting";

    private FaultSuite(RunningSystem system, BookingLoad load) {
        this.system = system;
        this.load = load;
        this.records = new BookingRecords(system);
        this.rate = Integer.getInteger("faults.rate", 5);
        this.before = Durations.parse(System.getProperty("faults.before", "30s"));
        this.after = Durations.parse(System.getProperty("faults.after", "30s"));
        this.drain = Durations.parse(System.getProperty("faults.drain", "8m"));
        this.settle = Durations.parse(System.getProperty("faults.settle", "5m"));
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("flights.project-root", ".")).toAbsolutePath().normalize();
        Path out = root.resolve("system-tests/target/fault-suite");
        Files.createDirectories(out);
        String stamp = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString().replace(':', '-');
        Path postgresData = out.resolve("postgres-" + stamp);
        Path logFile = out.resolve("system-" + stamp + ".log");
        FaultScenarios.Lengths lengths = FaultScenarios.Lengths.fromSystemProperties();
        Set<String> selected = Set.of(args);

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("started", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        report.put("machine", Machine.describe(root));
        List<ScenarioResult> results = new ArrayList<>();
        try (PrintStream log = new PrintStream(Files.newOutputStream(logFile), true, StandardCharsets.UTF_8)) {
            say("Starting the system (its log: " + logFile + ") ...");
            RunningSystem system = RunningSystem.startInfrastructure(postgresData, log::println);
            AtomicBoolean stopped = new AtomicBoolean();
            Runnable stop = () -> {
                if (stopped.compareAndSet(false, true)) {
                    system.close();
                    deleteRecursively(postgresData);
                }
            };
            // Ctrl-C: the system stops itself (a hook of its own); this one then deletes PostgreSQL's data.
            Thread hook = new Thread(stop, "fault-suite-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            try (SwitchableProxy smtp = SwitchableProxy.to("http://127.0.0.1:" + system.smtpPort())) {
                Map<String, String> workersConfig = new HashMap<>(AS_RUN_LOCAL);
                workersConfig.put("quarkus.mailer.port", Integer.toString(smtp.port()));
                system.startWorkers(workersConfig);
                system.startBookingApi(AS_RUN_LOCAL);
                try (BookingLoad load = new BookingLoad(system)) {
                    FaultSuite suite = new FaultSuite(system, load);
                    List<Scenario> scenarios = new FaultScenarios(system, AS_RUN_LOCAL, workersConfig, smtp,
                            FaultSuite::say).all(lengths).stream()
                            .filter(scenario -> selected.isEmpty() || selected.contains(scenario.name())).toList();
                    if (scenarios.isEmpty()) {
                        throw new IllegalArgumentException("No such scenario: " + selected);
                    }
                    report.put("settings", suite.settings(lengths));
                    suite.ticker.scheduleAtFixedRate(suite::printProgress, PROGRESS_EVERY.toSeconds(),
                            PROGRESS_EVERY.toSeconds(), TimeUnit.SECONDS);
                    for (Scenario scenario : scenarios) {
                        ScenarioResult result = suite.run(scenario);
                        results.add(result);
                        say(FaultReport.line(result));
                    }
                    suite.ticker.shutdownNow();
                }
            } finally {
                stop.run();
                Runtime.getRuntime().removeShutdownHook(hook);
            }
        }
        report.put("machineAfter", Map.of("loadAverage", Machine.loadAverage()));
        report.put("scenarios", results.stream().map(ScenarioResult::toJson).toList());
        boolean passed = results.stream().allMatch(ScenarioResult::passed);
        report.put("passed", passed);
        Path json = out.resolve("faults-" + stamp + ".json");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), report);
        Path markdown = out.resolve("faults-" + stamp + ".md");
        Files.writeString(markdown, FaultReport.markdown(results));
        System.out.println();
        System.out.println(FaultReport.text(results));
        System.out.println("JSON: " + json);
        System.out.println("Markdown: " + markdown);
        if (!passed) {
            throw new IllegalStateException("The fault suite failed: "
                    + results.stream().filter(result -> !result.passed()).map(ScenarioResult::scenario).toList()
                    + " (see the problems and examples in " + json + ")");
        }
    }

    private Map<String, Object> settings(FaultScenarios.Lengths lengths) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("bookingsPerSecond", rate);
        settings.put("loadBeforeFault", before.toString());
        settings.put("loadAfterFault", after.toString());
        settings.put("drainLimit", drain.toString());
        settings.put("settleLimit", settle.toString());
        settings.put("processorOutage", lengths.processorOutage().toString());
        settings.put("smtpHang", lengths.smtpHang().toString());
        settings.put("emulatorPause", lengths.emulatorPause().toString());
        settings.put("visibilityTimeout", AS_RUN_LOCAL.get("flights.messaging.provisioning.visibility-timeout"));
        return settings;
    }

    private ScenarioResult run(Scenario scenario) throws Exception {
        Duration loadLength = before.plus(scenario.length()).plus(after);
        int total = (int) (rate * loadLength.toSeconds());
        say("== " + scenario.name() + ": " + scenario.what() + "; " + rate + " bookings/s for about "
                + Durations.show(loadLength) + " ...");
        load.findOffers(total);
        BookingLoad.Tally tally = new BookingLoad.Tally();
        status = () -> scenario.name() + ": load running, " + tally.accepted() + " accepted, " + tally.failed()
                + " POSTs refused";
        CompletableFuture<Double> running = CompletableFuture.supplyAsync(() -> {
            try {
                return load.run(rate, total, tally);
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
        Thread.sleep(before.toMillis());
        scenario.fault().inject();
        running.join();
        List<String> ids = tally.bookings();
        long drainStart = System.nanoTime();
        awaitFinal(scenario.name(), ids);
        double drainSeconds = Math.round((System.nanoTime() - drainStart) / 1e8) / 10.0;
        List<BookingCheck> checks = awaitSettled(scenario.name(), ids);
        status = () -> scenario.name() + ": counting";
        return ScenarioResult.of(scenario.name(), checks, tally.failed(), drainSeconds);
    }

    /** Until every booking is final, or the drain's limit. */
    private void awaitFinal(String scenario, List<String> ids) {
        AtomicLong finished = new AtomicLong();
        status = () -> scenario + ": draining, " + finished.get() + " of " + ids.size() + " bookings final";
        try {
            await().atMost(drain).pollInterval(Duration.ofSeconds(2)).ignoreExceptions().until(() -> {
                finished.set(records.bookings(ids).values().stream().filter(BookingRecords.Booking::isFinal).count());
                return finished.get() == ids.size();
            });
        } catch (ConditionTimeoutException e) {
            say(scenario + ": " + (ids.size() - finished.get()) + " bookings still not final after "
                    + Durations.show(drain));
        }
    }

    /**
     * Until the ledger has recorded what the processor did and every email about these bookings has left, or the
     * settle limit: both happen after the booking's final status (an email claimed by a killed sender leaves after
     * its lease, 5 min).
     */
    private List<BookingCheck> awaitSettled(String scenario, List<String> ids) throws SQLException {
        status = () -> scenario + ": waiting for the ledger and the emails to catch up";
        try {
            return await().atMost(settle).pollInterval(Duration.ofSeconds(3)).ignoreExceptions()
                    .until(() -> records.emailsWaiting(ids) == 0 ? checks(ids) : null, checks -> checks != null
                            && checks.stream()
                                    .noneMatch(check -> check.problems().contains(Problem.LEDGER_MISMATCH)
                                            || check.problems().contains(Problem.MISSING_EMAIL)));
        } catch (ConditionTimeoutException e) {
            say(scenario + ": ledger or emails not caught up after " + Durations.show(settle));
            return checks(ids);
        }
    }

    private List<BookingCheck> checks(List<String> ids) throws SQLException {
        Map<String, BookingRecords.Booking> bookings = records.bookings(ids);
        BookingRecords.ProcessorJournal journal = records.processorJournal();
        Map<String, Map<String, Integer>> ledger = records.ledger(ids);
        Map<String, BookingRecords.Emails> emails = records.emails();
        return ids.stream().map(id -> {
            BookingRecords.Booking booking = bookings.get(id);
            Map<String, Integer> entries = ledger.getOrDefault(id, Map.of());
            return new BookingCheck(id, booking == null ? null : booking.status(),
                    journal.charges().getOrDefault(id, 0), journal.refunds().getOrDefault(id, 0),
                    entries.getOrDefault("CHARGE", 0), entries.getOrDefault("REFUND", 0),
                    emails.getOrDefault(id, BookingRecords.Emails.NONE));
        }).toList();
    }

    private void printProgress() {
        try {
            say(status.get());
        } catch (RuntimeException e) {
            say("(progress unavailable: " + e.getMessage() + ")");
        }
    }

    private static void say(String line) {
        long seconds = Duration.between(LAUNCHED, Instant.now()).toSeconds();
        System.out.printf("[faults %2d:%02d] %s%n", seconds / 60, seconds % 60, line);
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
