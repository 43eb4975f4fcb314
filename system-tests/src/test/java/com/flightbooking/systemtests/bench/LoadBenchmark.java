package com.flightbooking.systemtests.bench;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.awaitility.core.ConditionTimeoutException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.flightbooking.localinfra.LocalInfrastructure;
import com.flightbooking.systemtests.RunningSystem;

/**
 * The whole system under an open-loop booking load, as a customer feels it: POSTs leave on a timer whether or not
 * earlier ones were answered, against both packaged apps, PostgreSQL, the SNS/SQS emulator, the partner simulators and
 * the mail server on this machine, started as {@code ./run-local} starts them (the same configuration and visibility
 * timeout). Phases: the first minute after start at the cold rate, a stated warm-up, then a measured window per rate
 * of the sweep, each followed by a drain. For each phase it reports offered and achieved rates, POST and end-to-end
 * (the booking's own {@code created_at} to {@code updated_at} of its final status; without the bookings the load
 * cancels 300 ms after booking, whose end is the customer's timer) percentiles, bookings not final
 * after the drain, CPU seconds per booking and RSS per process (JIT compiler threads separately), SQL statements per
 * booking in each app's database ({@link StatementCounts}), the outbox backlog and queue depths; at the end a
 * correctness check (every booking final; charges and refunds in the ledger equal those the processor took). Writes JSON and,
 * for a sweep, an SVG plot. Each booking books an offer the bench found
 * ({@code GET /offers}) before its phase began: a phase measures booking, not searching.
 *
 * <p>
 * Arguments: [rates, comma-separated, bookings/s] [measured seconds] [warm-up seconds]; system properties
 * {@code bench.cold-rate} (20), {@code bench.cold-seconds} (60), {@code bench.out}
 * ({@code system-tests/target/load-benchmark}).
 */
public final class LoadBenchmark {

    private static final Duration DRAIN = Duration.ofSeconds(90);
    private static final int E2E_SLICE_SECONDS = 10;
    private static final String BENCH_JVM = "bench JVM, other threads (JIT, GC, threads that ended)";
    private static final String LOAD_GENERATOR = "load generator (bench JVM threads)";
    static final String POSTGRES_FOR_BOOKING_API = "postgresql: booking-api's connections";
    static final String POSTGRES_FOR_WORKERS = "postgresql: the workers' connections";
    static final String POSTGRES_SERVER = "postgresql: server processes (postmaster, WAL, checkpoints, vacuum)";

    private final RunningSystem system;
    private final BookingLoad load;
    private final BookingRecords records;
    private final SagaHops hops;
    private final StatementCounts statements;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final List<String> allBookings = Collections.synchronizedList(new ArrayList<>());

    private LoadBenchmark(RunningSystem system, BookingLoad load) {
        this.system = system;
        this.load = load;
        this.records = new BookingRecords(system);
        this.hops = new SagaHops(system);
        this.statements = new StatementCounts(system);
    }

    public static void main(String[] args) throws Exception {
        List<Integer> rates = Arrays.stream((args.length > 0 ? args[0] : "50").split(",")).map(String::trim)
                .map(Integer::parseInt).toList();
        int measuredSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        int warmUpSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 120;
        int coldRate = Integer.getInteger("bench.cold-rate", 20);
        int coldSeconds = Integer.getInteger("bench.cold-seconds", 60);
        Path out = Path.of(System.getProperty("bench.out", "system-tests/target/load-benchmark"));
        Files.createDirectories(out);
        Map<String, String> asRunLocal = Map.of("flights.messaging.provisioning.visibility-timeout", "30s");

        long launched = System.nanoTime();
        Map<String, Object> report = new LinkedHashMap<>();
        try (AppOutput appOutput = AppOutput.to(System.getProperty("bench.app-log"));
                RunningSystem system = RunningSystem.startInfrastructure(null, StatementCounts.SERVER_CONFIG,
                        appOutput::line)) {
            system.startWorkers(asRunLocal);
            system.startBookingApi(asRunLocal);
            BookingLoad load = new BookingLoad(system);
            LoadBenchmark bench = new LoadBenchmark(system, load);
            bench.statements.install();
            bench.awaitReady();
            report.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(), "java",
                    System.getProperty("java.version"), "os", System.getProperty("os.name")));
            report.put("apps", system.appRuntimes());
            report.put("startToReadySeconds", ProcessSample.round((System.nanoTime() - launched) / 1e9));
            List<Map<String, Object>> phases = new ArrayList<>();
            phases.add(bench.phase("first minute after start", coldRate, coldSeconds));
            if (warmUpSeconds > 0) {
                phases.add(bench.phase("warm-up", rates.get(0), warmUpSeconds));
            }
            for (int rate : rates) {
                phases.add(bench.phase("measured", rate, measuredSeconds));
            }
            report.put("phases", phases);
            report.put("correctness", bench.correctness());
            load.close();
        }
        Path file = out.resolve("load-" + Instant.now().toString().replace(':', '-') + ".json");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), report);
        System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
        System.out.println("JSON: " + file);
        if (rates.size() > 1) {
            Path svg = out.resolve(file.getFileName().toString().replace(".json", ".svg"));
            Files.writeString(svg, LatencyPlot.svg(report));
            System.out.println("Plot: " + svg);
        }
    }

    private void awaitReady() {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> http
                        .send(HttpRequest.newBuilder(URI.create(system.apiManagementUrl() + "/q/health/ready")).build(),
                                HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200);
    }

    private Map<String, Object> phase(String name, int rate, int seconds) throws Exception {
        System.out.printf("%s: %d bookings/s for %d s ...%n", name, rate, seconds);
        load.findOffers(rate * seconds);
        Map<String, Long> roots = Map.of("booking-api", system.bookingApiPid(), "workers", system.workersPid(),
                POSTGRES_SERVER, system.postgresPid(), BENCH_JVM, ProcessHandle.current().pid());
        ProcessSample.ThreadSplit benchThreads = new ProcessSample.ThreadSplit(ProcessHandle.current().pid(),
                LoadBenchmark::partOfThread, BENCH_JVM);
        ProcessSample cpuBefore = ProcessSample.take(roots, LoadBenchmark::partOf, benchThreads);
        long outboxBefore = system.unpublishedOutboxRows();
        statements.reset();
        BookingLoad.Tally tally = new BookingLoad.Tally();
        int total = rate * seconds;
        double sendSeconds = load.run(rate, total, tally);
        long outboxAtEnd = system.unpublishedOutboxRows();
        Map<String, Long> queuesAtEnd = queueDepths();
        List<String> ids = tally.bookings();
        allBookings.addAll(ids);
        Map<String, BookingRecords.Booking> outcomes = awaitFinal(ids);
        Set<String> cancelled = tally.cancelledByCustomer();
        ProcessSample cpu = ProcessSample.take(roots, LoadBenchmark::partOf, benchThreads).since(cpuBefore);
        Map<String, StatementCounts.PerBooking> statementsPerBooking = statements.perBooking(ids.size());
        // The load generator stands for the customers: not part of the system whose cost per booking is measured.
        double systemCpuSeconds = cpu.totalCpuSeconds() - cpu.cpuSeconds(LOAD_GENERATOR);

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("phase", name);
        result.put("offeredRate", rate);
        result.put("seconds", seconds);
        result.put("achievedRate", ProcessSample.round(total / sendSeconds));
        result.put("accepted", ids.size());
        result.put("postFailures", tally.failed());
        Map<String, BookingRecords.Booking> sagas = outcomes.entrySet().stream()
                .filter(o -> !cancelled.contains(o.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        List<Map<String, Object>> e2eOverTime = LatencyOverTime.slices(sagas, hops.ofConfirmed(sagas.keySet()),
                E2E_SLICE_SECONDS);
        result.put("postMs", Percentiles.of(tally.postMillis()));
        result.put("e2eMs", Percentiles.of(sagas.values().stream().map(BookingRecords.Booking::endToEndMillis).toList()));
        result.put("e2eMsBy" + E2E_SLICE_SECONDS + "SecondsOfBooking", e2eOverTime);
        result.put("cancelledByCustomerE2eMs", Percentiles.of(outcomes.entrySet().stream()
                .filter(o -> cancelled.contains(o.getKey())).map(o -> o.getValue().endToEndMillis()).toList()));
        result.put("notFinalAfterDrain", ids.size() - outcomes.size());
        result.put("statusStreamsCompleted", tally.streamsDone());
        result.put("outboxBacklog", Map.of("atStart", outboxBefore, "atEndOfLoad", outboxAtEnd, "afterDrain",
                system.unpublishedOutboxRows()));
        result.put("queueDepthsAtEndOfLoad", queuesAtEnd);
        result.put("cpuSecondsPerBookingAllProcesses", ProcessSample.round(cpu.totalCpuSeconds() / Math.max(1, ids.size())));
        result.put("cpuMsPerBookingSystem", ProcessSample.round(systemCpuSeconds * 1000 / Math.max(1, ids.size())));
        result.put("jitShareOfCpu", ProcessSample.round(cpu.jitCpuSeconds() / Math.max(0.01, cpu.totalCpuSeconds())));
        // How crowded the two cores were: a request's latency grows with its threads' waits for a core.
        result.put("cpuPressureSome", cpu.cpuPressure() == null ? null : ProcessSample.round(cpu.cpuPressure()));
        result.put("processes", cpu.toJson(ids.size()));
        result.put("sqlStatementsPerBooking", statementsPerBooking);
        System.out.printf("  POST %s ms, E2E %s ms, not final %d, CPU %.1f ms/booking (%.1f without the load "
                + "generator), SQL statements per booking %s; some task waited for a core %s of the time, "
                + "booking-api's threads %.1f ms per booking%n", result.get("postMs"), result.get("e2eMs"),
                ids.size() - outcomes.size(), cpu.totalCpuSeconds() * 1000 / Math.max(1, ids.size()),
                result.get("cpuMsPerBookingSystem"), StatementCounts.totals(statementsPerBooking),
                cpu.cpuPressure() == null ? "(no PSI)" : Math.round(cpu.cpuPressure() * 100) + " %",
                cpu.cpuWaitSeconds("booking-api") * 1000 / Math.max(1, ids.size()));
        System.out.printf("  E2E p50 / p99 ms of the bookings made from second: %s%n", LatencyOverTime.e2eLine(e2eOverTime));
        System.out.printf("  p50 ms of %s of the confirmed bookings made from second: %s%n",
                String.join(" + ", SagaHops.END_TO_END), LatencyOverTime.hopsLine(e2eOverTime));
        return result;
    }

    private static String partOf(ProcessSample.Command command) {
        if (command.name().equals("node")) {
            return "fauxqs (SNS/SQS emulator)";
        }
        if (command.name().startsWith("postgres")) {
            return postgresPart(command.line());
        }
        return null;
    }

    /**
     * PostgreSQL's processes by whom they work for: a backend's command line names its database ({@code postgres:
     * <user> <database> <client> <state>}), so its statements count for booking-api or the workers; the server's own
     * processes (the postmaster, WAL writer, checkpointer, autovacuum …) apart. The benchmark's own connections
     * (backlog and outcome probes) are short-lived: a backend that ended between two samples counts for nothing.
     */
    static String postgresPart(String commandLine) {
        String[] words = commandLine.split(" ");
        if (words.length >= 3 && words[0].equals("postgres:")) {
            if (words[2].equals(LocalInfrastructure.BOOKING_API_DATABASE)) {
                return POSTGRES_FOR_BOOKING_API;
            }
            if (words[2].equals(LocalInfrastructure.WORKERS_DATABASE)) {
                return POSTGRES_FOR_WORKERS;
            }
        }
        return POSTGRES_SERVER;
    }

    /**
     * The part of the bench JVM a thread works for, by the names its libraries give their threads: WireMock's Jetty
     * pool, GreenMail's per-connection threads, mock-oauth2-server's MockWebServer, and the load generator's HTTP
     * clients and timer.
     */
    static String partOfThread(String name) {
        if (name.startsWith("qtp")) {
            return "partner simulators (WireMock, bench JVM threads)";
        }
        if (name.startsWith("smtp:") || name.startsWith("pop3:")) {
            return "mail server (GreenMail, bench JVM threads)";
        }
        if (name.startsWith("MockWebServer")) {
            return "OIDC server (mock-oauth2-server, bench JVM threads)";
        }
        if (name.startsWith("HttpClient-") || name.startsWith(BookingLoad.TIMER_THREAD)) {
            return LOAD_GENERATOR;
        }
        return null;
    }

    /**
     * Waits up to the drain for the bookings to end; returns those that did, by id. Each poll asks only for the
     * bookings not yet final: the polls run on the PostgreSQL under measurement.
     */
    private Map<String, BookingRecords.Booking> awaitFinal(List<String> ids) {
        Map<String, BookingRecords.Booking> done = new ConcurrentHashMap<>();
        try {
            await().atMost(DRAIN).pollInterval(Duration.ofMillis(500)).until(() -> {
                done.putAll(finalOutcomes(ids.stream().filter(id -> !done.containsKey(id)).toList()));
                return done.size() == ids.size();
            });
        } catch (ConditionTimeoutException e) {
            // The bookings missing from done are reported as not final.
        }
        return done;
    }

    private Map<String, BookingRecords.Booking> finalOutcomes(List<String> ids) throws SQLException {
        return records.bookings(ids).entrySet().stream().filter(booking -> booking.getValue().isFinal())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** Visible plus in-flight messages per queue of this run, through the emulator's SQS JSON protocol. */
    private Map<String, Long> queueDepths() {
        Map<String, Long> depths = new LinkedHashMap<>();
        try {
            JsonNode queues = sqs("ListQueues", Map.of()).path("QueueUrls");
            for (JsonNode url : queues) {
                if (!url.asText().endsWith(system.nameSuffix()) && !url.asText().endsWith(system.nameSuffix() + "-dlq")) {
                    continue;
                }
                JsonNode attributes = sqs("GetQueueAttributes", Map.of("QueueUrl", url.asText(), "AttributeNames",
                        List.of("ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible")))
                        .path("Attributes");
                String queue = url.asText().substring(url.asText().lastIndexOf('/') + 1)
                        .replace(system.nameSuffix(), "");
                depths.put(queue, attributes.path("ApproximateNumberOfMessages").asLong()
                        + attributes.path("ApproximateNumberOfMessagesNotVisible").asLong());
            }
        } catch (Exception e) {
            depths.put("error: " + e.getMessage(), -1L);
        }
        return depths;
    }

    private JsonNode sqs(String action, Map<String, Object> body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(system.awsEndpoint()))
                .header("Content-Type", "application/x-amz-json-1.0").header("X-Amz-Target", "AmazonSQS." + action)
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/sqs/aws4_request, "
                        + "SignedHeaders=host, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build();
        return json.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
    }

    /**
     * Every booking final, and the ledger equal to what the processor did: as many CHARGE and REFUND entries as
     * charges and refunds the processor made ({@link BookingRecords#processorJournal()}).
     */
    private Map<String, Object> correctness() throws Exception {
        Map<String, Object> result = new LinkedHashMap<>();
        List<String> ids = new ArrayList<>(allBookings);
        int finished = finalOutcomes(ids).size();
        result.put("bookings", ids.size());
        result.put("final", finished);
        // The ledger role records asynchronously: compare once it has caught up, or as it stands after the drain.
        BookingRecords.ProcessorJournal journal = records.processorJournal();
        Map<String, Long> processor = Map.of("charges", journal.totalCharges(), "refunds", journal.totalRefunds());
        Map<String, Long> ledger;
        try {
            ledger = await().atMost(DRAIN).pollInterval(Duration.ofSeconds(1)).until(records::ledgerTotals,
                    entries -> matches(entries, processor));
        } catch (ConditionTimeoutException e) {
            ledger = records.ledgerTotals();
        }
        result.put("ledgerEntries", ledger);
        result.put("processorEffects", processor);
        boolean ledgerMatches = matches(ledger, processor);
        result.put("ledgerEqualsProcessor", ledgerMatches);
        result.put("passed", finished == ids.size() && ledgerMatches);
        return result;
    }

    private static boolean matches(Map<String, Long> ledger, Map<String, Long> processor) {
        return ledger.getOrDefault("CHARGE", 0L).equals(processor.get("charges"))
                && ledger.getOrDefault("REFUND", 0L).equals(processor.get("refunds"));
    }
}
