package com.flightbooking.systemtests.bench;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.stream.IntStream;

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
 * (the booking's own {@code created_at} to {@code updated_at} of its final status) percentiles, bookings not final
 * after the drain, CPU seconds per booking and RSS per process (JIT compiler threads separately), the outbox backlog
 * and queue depths; at the end a correctness check (every booking final; charges and refunds in the ledger equal
 * those the processor took). Writes JSON and, for a sweep, an SVG plot. Each booking books an offer the bench found
 * ({@code GET /offers}) before its phase began: a phase measures booking, not searching.
 *
 * <p>
 * Arguments: [rates, comma-separated, bookings/s] [measured seconds] [warm-up seconds]; system properties
 * {@code bench.cold-rate} (20), {@code bench.cold-seconds} (60), {@code bench.out}
 * ({@code system-tests/target/load-benchmark}).
 */
public final class LoadBenchmark {

    private static final Set<String> FINAL = Set.of("CONFIRMED", "PAYMENT_DECLINED", "FAILED_REFUNDED", "CANCELLED");
    private static final Duration DRAIN = Duration.ofSeconds(90);
    private static final List<String> ACCOUNTS = List.of("ACME-001", "ACME-002", "GLOBEX-01", "INITECH-1", "UMBRELLA",
            "STARK-IND", "WAYNE-ENT");
    private static final int CUSTOMERS = 200;
    private static final String BENCH_JVM = "bench JVM (load generator, partner simulators, mail server)";

    private final RunningSystem system;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "load-timer");
        thread.setDaemon(true);
        return thread;
    });
    /** Routes of the travel fulfiller's simulator, and the flight (FRA-PMI) it sells but cannot seat. */
    private static final List<String> ROUTES = List.of("FRA-JFK", "LHR-JFK", "JFK-FRA", "FRA-LHR", "MUC-SIN", "FRA-PMI");
    private static final String FULL_FLIGHT = "ZZ999";
    private static final int CONCURRENT_SEARCHES = 16;

    private final AtomicLong sequence = new AtomicLong();
    private final ConcurrentLinkedQueue<String> offers = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> fullFlightOffers = new ConcurrentLinkedQueue<>();
    private final List<String> allBookings = Collections.synchronizedList(new ArrayList<>());
    /** Bearer headers of the customers who book, in turn: each a traveller of every corporate account. */
    private final List<String> customers;

    private LoadBenchmark(RunningSystem system) {
        this.system = system;
        String[] scopes = ACCOUNTS.stream().map(account -> "corporate:" + account).toArray(String[]::new);
        this.customers = IntStream.range(0, CUSTOMERS)
                .mapToObj(i -> "Bearer " + system.token("load-customer-" + i, scopes)).toList();
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
                RunningSystem system = RunningSystem.startInfrastructure(appOutput::line)) {
            system.startWorkers(asRunLocal);
            system.startBookingApi(asRunLocal);
            LoadBenchmark bench = new LoadBenchmark(system);
            bench.awaitReady();
            report.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(), "java",
                    System.getProperty("java.version"), "os", System.getProperty("os.name")));
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
            bench.timer.shutdownNow();
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
        findOffers(rate * seconds);
        Map<String, Long> roots = Map.of("booking-api", system.bookingApiPid(), "workers", system.workersPid(),
                "postgresql", system.postgresPid(), BENCH_JVM, ProcessHandle.current().pid());
        ProcessSample cpuBefore = ProcessSample.take(roots, LoadBenchmark::partOf);
        long outboxBefore = outboxBacklog();
        ConcurrentLinkedQueue<Long> postNanos = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> bookings = new ConcurrentLinkedQueue<>();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger streamsDone = new AtomicInteger();
        List<CompletableFuture<?>> inFlight = Collections.synchronizedList(new ArrayList<>());
        long periodNanos = 1_000_000_000L / rate;
        int total = rate * seconds;
        long start = System.nanoTime() + 50_000_000;
        CountDownLatch sent = new CountDownLatch(total);
        for (int i = 0; i < total; i++) {
            long intended = start + i * periodNanos;
            timer.schedule(() -> {
                inFlight.add(post(intended, postNanos, bookings, failed, streamsDone));
                sent.countDown();
            }, intended - System.nanoTime(), TimeUnit.NANOSECONDS);
        }
        sent.await();
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
        long outboxAtEnd = outboxBacklog();
        Map<String, Long> queuesAtEnd = queueDepths();
        List<String> ids = new ArrayList<>(bookings);
        allBookings.addAll(ids);
        List<double[]> outcomes = awaitFinal(ids);
        ProcessSample cpu = ProcessSample.take(roots, LoadBenchmark::partOf).since(cpuBefore);

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("phase", name);
        result.put("offeredRate", rate);
        result.put("seconds", seconds);
        result.put("achievedRate", ProcessSample.round(total / sendSeconds));
        result.put("accepted", ids.size());
        result.put("postFailures", failed.get());
        result.put("postMs", percentiles(postNanos.stream().map(nanos -> nanos / 1e6).toList()));
        result.put("e2eMs", percentiles(outcomes.stream().map(o -> o[0]).toList()));
        result.put("notFinalAfterDrain", ids.size() - outcomes.size());
        result.put("statusStreamsCompleted", streamsDone.get());
        result.put("outboxBacklog", Map.of("atStart", outboxBefore, "atEndOfLoad", outboxAtEnd, "afterDrain",
                outboxBacklog()));
        result.put("queueDepthsAtEndOfLoad", queuesAtEnd);
        result.put("cpuSecondsPerBookingAllProcesses", ProcessSample.round(cpu.totalCpuSeconds() / Math.max(1, ids.size())));
        result.put("jitShareOfCpu", ProcessSample.round(cpu.jitCpuSeconds() / Math.max(0.01, cpu.totalCpuSeconds())));
        result.put("processes", cpu.toJson(ids.size()));
        System.out.printf("  POST %s ms, E2E %s ms, not final %d, CPU %.1f ms/booking%n", result.get("postMs"),
                result.get("e2eMs"), ids.size() - outcomes.size(),
                cpu.totalCpuSeconds() * 1000 / Math.max(1, ids.size()));
        return result;
    }

    private static String partOf(String command) {
        if (command.equals("node")) {
            return "fauxqs (SNS/SQS emulator)";
        }
        if (command.startsWith("postgres")) {
            return "postgresql";
        }
        return null;
    }

    /** One customer: POST, and for some of them a GET, a status stream or a cancel as well. */
    private CompletableFuture<?> post(long intended, ConcurrentLinkedQueue<Long> postNanos,
            ConcurrentLinkedQueue<String> bookings, AtomicInteger failed, AtomicInteger streamsDone) {
        long n = sequence.incrementAndGet();
        String customer = customers.get((int) (n % CUSTOMERS));
        HttpRequest request = HttpRequest.newBuilder(URI.create(system.apiUrl() + "/bookings"))
                .header("Authorization", customer)
                .header("Content-Type", "application/json").header("Idempotency-Key", "load-" + UUID.randomUUID())
                .POST(HttpRequest.BodyPublishers.ofString(body(n))).timeout(Duration.ofSeconds(30)).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, error) -> {
            postNanos.add(System.nanoTime() - intended);
            if (error != null || response.statusCode() != 202) {
                failed.incrementAndGet();
                return null;
            }
            String id = id(response.body());
            bookings.add(id);
            if (n % 10 == 0) {
                get("/bookings/" + id, customer);
            }
            if (n % 50 == 0) {
                http.sendAsync(HttpRequest.newBuilder(URI.create(system.apiUrl() + "/bookings/" + id + "/status-stream"))
                        .header("Authorization", customer).timeout(Duration.ofMinutes(2)).build(),
                        HttpResponse.BodyHandlers.ofLines())
                        .thenAccept(stream -> {
                            stream.body().forEach(line -> {
                            });
                            streamsDone.incrementAndGet();
                        });
            }
            if (n % 33 == 0) {
                timer.schedule(() -> http.sendAsync(HttpRequest.newBuilder(
                        URI.create(system.apiUrl() + "/bookings/" + id + "/cancel")).header("Authorization", customer)
                        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding()),
                        300, TimeUnit.MILLISECONDS);
            }
            return null;
        });
    }

    private void get(String path, String customer) {
        http.sendAsync(HttpRequest.newBuilder(URI.create(system.apiUrl() + path)).header("Authorization", customer)
                .build(),
                HttpResponse.BodyHandlers.discarding());
    }

    /**
     * Offers for a phase's bookings, {@value #CONCURRENT_SEARCHES} searches at a time over the simulator's routes and
     * days 10 to 69 ahead: one booking in 20 gets one on the full flight.
     */
    private void findOffers(int bookings) {
        int full = bookings / 20 + 1;
        fill(fullFlightOffers, full, List.of("FRA-PMI"), FULL_FLIGHT::equals);
        fill(offers, bookings - full + 1, ROUTES, flight -> !flight.equals(FULL_FLIGHT));
    }

    private void fill(ConcurrentLinkedQueue<String> pool, int count, List<String> routes, Predicate<String> flights) {
        int search = 0;
        while (pool.size() < count) {
            List<CompletableFuture<?>> searches = new ArrayList<>();
            for (int i = 0; i < CONCURRENT_SEARCHES; i++, search++) {
                String[] route = routes.get(search % routes.size()).split("-");
                URI uri = URI.create(system.apiUrl() + "/offers?origin=" + route[0] + "&destination=" + route[1]
                        + "&date=" + LocalDate.now(ZoneOffset.UTC).plusDays(10 + search % 60));
                searches.add(http.sendAsync(HttpRequest.newBuilder(uri).header("Authorization", customers.get(0)).build(),
                        HttpResponse.BodyHandlers.ofString())
                        .thenAccept(response -> readTree(response.body()).get("offers").forEach(offer -> {
                            if (flights.test(offer.get("flight").get("number").asText())) {
                                pool.add(offer.get("id").asText());
                            }
                        })));
            }
            CompletableFuture.allOf(searches.toArray(CompletableFuture[]::new)).join();
        }
    }

    /** 5 % declined cards, 5 % on a flight without seats, half on a corporate account. */
    private String body(long n) {
        String token = n % 20 == 7 ? "tok_declined_card" : "tok_visa_4242";
        String offer = n % 20 == 13 ? fullFlightOffers.poll() : offers.poll();
        if (offer == null) {
            throw new IllegalStateException("No offer left for booking " + n);
        }
        String account = n % 2 == 0 ? ",\"corporateAccountId\":\"" + ACCOUNTS.get((int) (n / 2 % ACCOUNTS.size())) + "\""
                : "";
        return """
                {"offerId":"%s","passenger":{"name":"Load Customer","email":"load-%d@example.com"},\
                "paymentToken":"%s"%s}"""
                .formatted(offer, n % 1000, token, account);
    }

    private JsonNode readTree(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String id(String body) {
        return readTree(body).get("id").asText();
    }

    /** Waits up to the drain for the bookings to end; returns the end-to-end milliseconds of those that did. */
    private List<double[]> awaitFinal(List<String> ids) {
        try {
            return await().atMost(DRAIN).pollInterval(Duration.ofMillis(500))
                    .until(() -> finalOutcomes(ids), done -> done.size() == ids.size());
        } catch (ConditionTimeoutException e) {
            return uncheckedFinalOutcomes(ids);
        }
    }

    private List<double[]> uncheckedFinalOutcomes(List<String> ids) {
        try {
            return finalOutcomes(ids);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<double[]> finalOutcomes(List<String> ids) throws SQLException {
        List<double[]> outcomes = new ArrayList<>();
        try (Connection connection = system.connect(LocalInfrastructure.BOOKING_API_DATABASE);
                PreparedStatement query = connection.prepareStatement("SELECT status, extract(epoch FROM updated_at - "
                        + "created_at) * 1000 FROM booking WHERE id = ANY (?::uuid[])")) {
            Array array = connection.createArrayOf("text", ids.toArray());
            query.setArray(1, array);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    if (FINAL.contains(rows.getString(1))) {
                        outcomes.add(new double[] { rows.getDouble(2) });
                    }
                }
            }
        }
        return outcomes;
    }

    private long outboxBacklog() throws SQLException {
        long backlog = 0;
        for (String database : List.of(LocalInfrastructure.BOOKING_API_DATABASE, LocalInfrastructure.WORKERS_DATABASE)) {
            try (Connection connection = system.connect(database);
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT count(*) FROM outbox WHERE published_at IS NULL")) {
                rows.next();
                backlog += rows.getLong(1);
            }
        }
        return backlog;
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
     * Every booking final, and the ledger equal to what the processor took: as many CHARGE and REFUND entries as
     * distinct charge and refund idempotency keys the processor answered with success.
     */
    private Map<String, Object> correctness() throws Exception {
        Map<String, Object> result = new LinkedHashMap<>();
        List<String> ids = new ArrayList<>(allBookings);
        int finished = finalOutcomes(ids).size();
        result.put("bookings", ids.size());
        result.put("final", finished);
        // The ledger role records asynchronously: compare once it has caught up, or as it stands after the drain.
        Map<String, Long> processor = processorJournal();
        Map<String, Long> ledger;
        try {
            ledger = await().atMost(DRAIN).pollInterval(Duration.ofSeconds(1)).until(this::ledgerEntries,
                    entries -> matches(entries, processor));
        } catch (ConditionTimeoutException e) {
            ledger = ledgerEntries();
        }
        result.put("ledgerEntries", ledger);
        result.put("processorEffects", processor);
        boolean ledgerMatches = ledger.getOrDefault("CHARGE", 0L).equals(processor.get("charges"))
                && ledger.getOrDefault("REFUND", 0L).equals(processor.get("refunds"));
        result.put("ledgerEqualsProcessor", ledgerMatches);
        result.put("passed", finished == ids.size() && ledgerMatches);
        return result;
    }

    private static boolean matches(Map<String, Long> ledger, Map<String, Long> processor) {
        return ledger.getOrDefault("CHARGE", 0L).equals(processor.get("charges"))
                && ledger.getOrDefault("REFUND", 0L).equals(processor.get("refunds"));
    }

    private Map<String, Long> ledgerEntries() throws SQLException {
        Map<String, Long> ledger = new HashMap<>();
        try (Connection connection = system.connect(LocalInfrastructure.WORKERS_DATABASE);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT kind, count(*) FROM ledger_entry GROUP BY kind")) {
            while (rows.next()) {
                ledger.put(rows.getString(1), rows.getLong(2));
            }
        }
        return ledger;
    }

    /** Distinct idempotency keys of the charges the processor accepted (declined cards excluded) and of the refunds. */
    private Map<String, Long> processorJournal() throws Exception {
        Set<String> charges = new HashSet<>();
        for (JsonNode request : partnerRequests("/payment-processor/v1/charges")) {
            if (!request.path("body").asText().contains("tok_declined")) {
                charges.add(request.path("headers").path("Idempotency-Key").asText());
            }
        }
        Set<String> refunds = new HashSet<>();
        for (JsonNode request : partnerRequests("/payment-processor/v1/refunds")) {
            refunds.add(request.path("headers").path("Idempotency-Key").asText());
        }
        return Map.of("charges", (long) charges.size(), "refunds", (long) refunds.size());
    }

    private JsonNode partnerRequests(String path) throws Exception {
        HttpRequest find = HttpRequest.newBuilder(URI.create(system.partnersUrl() + "/__admin/requests/find"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"method\":\"POST\",\"urlPath\":\"" + path + "\"}")).build();
        return json.readTree(http.send(find, HttpResponse.BodyHandlers.ofString()).body()).path("requests");
    }

    private static Map<String, Object> percentiles(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("count", sorted.size());
        if (sorted.isEmpty()) {
            return result;
        }
        for (double p : new double[] { 50, 90, 99 }) {
            result.put("p" + (int) p, ProcessSample.round(sorted.get(Math.min(sorted.size() - 1,
                    (int) Math.ceil(p / 100 * sorted.size()) - 1))));
        }
        result.put("max", ProcessSample.round(sorted.get(sorted.size() - 1)));
        return result;
    }
}
