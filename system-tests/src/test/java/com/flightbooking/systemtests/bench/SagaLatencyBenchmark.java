package com.flightbooking.systemtests.bench;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.flightbooking.events.testing.Bookings;
import com.flightbooking.systemtests.RunningSystem;
import com.flightbooking.systemtests.TraceCollector;
import com.flightbooking.systemtests.TraceCollector.ExportedSpan;

/**
 * Measures the saga end to end: the time from {@code POST /bookings} to CONFIRMED, with both packaged apps, real
 * PostgreSQL, fauxqs, WireMock partners and GreenMail on this machine. The time is the booking's own record
 * ({@code updatedAt - createdAt}: the commit of the booking to the commit of its confirmation), so how often the
 * client polls adds no error. Rerun with the command in the README; arguments: [warm-up bookings] [measured bookings,
 * 0 for none] [clients]; {@code -Dbench.idle=N} also measures N bookings one at a time after the warm-up, each after a
 * pause of {@code bench.idle-pause-ms} (2,000), with the time of each hop; {@code -Dbench.trace=true} exports the
 * apps' spans to the benchmark and prints each idle booking's trace.
 */
public final class SagaLatencyBenchmark {

    private static final Set<String> FINAL = Set.of("CONFIRMED", "PAYMENT_DECLINED", "FAILED_REFUNDED", "CANCELLED");
    private static final Duration POLL = Duration.ofMillis(50);
    private static final int IDLE_BOOKINGS = Integer.getInteger("bench.idle", 0);
    private static final boolean TRACE = Boolean.getBoolean("bench.trace");
    private static final Duration IDLE_PAUSE = Duration.ofMillis(Long.getLong("bench.idle-pause-ms", 2_000));

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ObjectMapper json = new ObjectMapper();
    private final String api;
    private final String bearer;

    private SagaLatencyBenchmark(String api, String bearer) {
        this.api = api;
        this.bearer = bearer;
    }

    public static void main(String[] args) throws Exception {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int measured = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 4;

        System.out.println("Starting PostgreSQL, fauxqs, partners, workers and booking-api ...");
        try (TraceCollector collector = TRACE ? TraceCollector.start() : null;
                RunningSystem system = RunningSystem.startInfrastructure(line -> {
                })) {
            Map<String, String> tracing = collector == null ? Map.of() : collector.appConfig();
            system.startWorkers(tracing);
            system.startBookingApi(tracing);
            SagaLatencyBenchmark bench = new SagaLatencyBenchmark(system.apiUrl(),
                    "Bearer " + system.customerToken());
            System.out.printf("first booking after ready: %d ms%n", bench.bookAndWait().toMillis());
            System.out.printf("warming up with %d bookings ...%n", warmup);
            bench.run(warmup, clients);

            if (IDLE_BOOKINGS > 0) {
                List<String> idle = bench.idle(new SagaHops(system));
                if (collector != null) {
                    printSpans(collector, idle);
                }
            }
            if (measured == 0) {
                return;
            }
            System.out.printf("measuring %d bookings, %d clients each booking and waiting for the outcome ...%n",
                    measured, clients);
            long started = System.nanoTime();
            List<Duration> times = bench.run(measured, clients);
            report("POST -> CONFIRMED", times, started);

            System.out.printf("burst: %d bookings posted at once by 16 clients ...%n", measured);
            started = System.nanoTime();
            times = bench.burst(measured);
            report("burst POST -> CONFIRMED", times, started);
        }
    }

    /**
     * One booking at a time with a pause before each, so that every booking meets an idle system: what a single
     * customer waits for, and where each booking's time went ({@link SagaHops}). Its offer is found before the pause
     * and its outcome read from the database, so that no request of the benchmark's own runs beside the saga.
     */
    private List<String> idle(SagaHops hops) throws Exception {
        System.out.printf("idle: %d bookings one at a time, %d ms apart ...%n", IDLE_BOOKINGS, IDLE_PAUSE.toMillis());
        List<Duration> times = new ArrayList<>();
        List<List<Double>> perHop = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < IDLE_BOOKINGS; i++) {
            String booking = bookingOfFreshOffer();
            Thread.sleep(IDLE_PAUSE.toMillis());
            String id = post(booking);
            ids.add(id);
            Duration time = hops.awaitConfirmed(id);
            List<Double> hopsOfBooking = hops.of(id);
            times.add(time);
            perHop.add(hopsOfBooking);
            System.out.printf("  %4d ms: %.0f + %.0f + %.0f (relays %.0f, %.0f, %.0f)%n", time.toMillis(),
                    hopsOfBooking.get(0), hopsOfBooking.get(1), hopsOfBooking.get(2), hopsOfBooking.get(3),
                    hopsOfBooking.get(4), hopsOfBooking.get(5));
        }
        report("idle POST -> CONFIRMED", times, started);
        SagaHops.percentiles(perHop).forEach((hop, figures) -> System.out.printf("  %s: %s ms%n", hop, figures));
        return ids;
    }

    /**
     * Each booking's trace, span by span: milliseconds from the trace's first span to each span's start, and its
     * length.
     */
    private static void printSpans(TraceCollector collector, List<String> bookings) {
        String last = bookings.get(bookings.size() - 1);
        // The apps export in batches: wait until the last booking's outcome reached booking-api's status role.
        List<ExportedSpan> spans = await().atMost(Duration.ofSeconds(30)).until(collector::spans,
                exported -> trace(exported, last).stream().anyMatch(span -> span.name().contains("booking-status")));
        for (String booking : bookings) {
            List<ExportedSpan> trace = trace(spans, booking);
            if (trace.isEmpty()) {
                continue;
            }
            long origin = trace.get(0).startNanos();
            System.out.printf("trace of booking %s:%n", booking);
            trace.forEach(span -> System.out.printf("  %7.1f %+7.1f ms %-12s %s%n", (span.startNanos() - origin) / 1e6,
                    (span.endNanos() - span.startNanos()) / 1e6, span.service(), span.name()));
        }
    }

    /** The spans of the traces that name the booking, in the order they started. */
    private static List<ExportedSpan> trace(List<ExportedSpan> spans, String booking) {
        Set<String> traces = spans.stream().filter(span -> booking.equals(span.attributes().get("flights.booking_id")))
                .map(ExportedSpan::traceId).collect(Collectors.toSet());
        return spans.stream().filter(span -> traces.contains(span.traceId()))
                .sorted(Comparator.comparingLong(ExportedSpan::startNanos)).toList();
    }

    private List<Duration> run(int bookings, int clients) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<Duration>> results = new ArrayList<>();
            for (int i = 0; i < bookings; i++) {
                results.add(pool.submit(this::bookAndWait));
            }
            List<Duration> times = new ArrayList<>();
            for (Future<Duration> result : results) {
                times.add(result.get());
            }
            return times;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Posts everything first, then waits for all outcomes, polling each pending booking every 50 ms. */
    private List<Duration> burst(int bookings) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<String> ids = new ArrayList<>();
        try {
            List<Future<String>> posts = new ArrayList<>();
            for (int i = 0; i < bookings; i++) {
                posts.add(pool.submit(this::book));
            }
            for (Future<String> post : posts) {
                ids.add(post.get());
            }
        } finally {
            pool.shutdownNow();
        }
        List<Duration> times = new ArrayList<>();
        List<String> pending = new ArrayList<>(ids);
        long deadline = System.nanoTime() + Duration.ofSeconds(300).toNanos();
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            List<String> still = new ArrayList<>();
            for (String id : pending) {
                Duration time = outcome(id);
                if (time == null) {
                    still.add(id);
                } else {
                    times.add(time);
                }
            }
            pending = still;
            Thread.sleep(POLL.toMillis());
        }
        if (!pending.isEmpty()) {
            throw new IllegalStateException(pending.size() + " bookings not final after 300 s");
        }
        return times;
    }

    private Duration bookAndWait() throws Exception {
        return awaitOutcome(book());
    }

    private Duration awaitOutcome(String id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            Duration time = outcome(id);
            if (time != null) {
                return time;
            }
            Thread.sleep(POLL.toMillis());
        }
        throw new IllegalStateException("booking " + id + " not final after 120 s");
    }

    private String book() throws Exception {
        return post(bookingOfFreshOffer());
    }

    /** A booking's body, on an offer found now ({@code GET /offers}). */
    private String bookingOfFreshOffer() {
        return Bookings.ofFreshOffer(given().baseUri(api).header("Authorization", bearer), "Bench Customer",
                "bench-" + UUID.randomUUID() + "@example.com", "tok_visa_4242");
    }

    private String post(String booking) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(api + "/bookings"))
                .header("Content-Type", "application/json").header("Authorization", bearer)
                .POST(HttpRequest.BodyPublishers.ofString(booking)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IllegalStateException("POST answered " + response.statusCode() + ": " + response.body());
        }
        return json.readTree(response.body()).get("id").asText();
    }

    /** The booking's time from creation to its outcome, or null while it is pending. */
    private Duration outcome(String id) throws Exception {
        JsonNode booking = json.readTree(http.send(HttpRequest.newBuilder(URI.create(api + "/bookings/" + id))
                .header("Authorization", bearer).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        String status = booking.get("status").asText();
        if (!FINAL.contains(status)) {
            return null;
        }
        if (!status.equals("CONFIRMED")) {
            throw new IllegalStateException("booking " + id + " ended " + status);
        }
        return Duration.between(Instant.parse(booking.get("createdAt").asText()),
                Instant.parse(booking.get("updatedAt").asText()));
    }

    private static void report(String what, List<Duration> times, long startedNanos) {
        Collections.sort(times);
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        System.out.printf("%s over %d bookings: median %d ms, p90 %d ms, p99 %d ms, max %d ms; all done in %.1f s"
                + " (%.1f bookings/s)%n", what, times.size(), pct(times, 50), pct(times, 90), pct(times, 99),
                times.get(times.size() - 1).toMillis(), seconds, times.size() / seconds);
    }

    private static long pct(List<Duration> sorted, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index)).toMillis();
    }
}
