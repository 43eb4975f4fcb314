package com.flightbooking.booking.api.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.flightbooking.booking.api.system.RunningSystem;

import io.restassured.path.json.JsonPath;

/**
 * Measures the saga end to end: the time from {@code POST /bookings} to CONFIRMED, with both packaged apps, real
 * PostgreSQL, fauxqs, WireMock partners and GreenMail on this machine. The time is the booking's own record
 * ({@code updatedAt - createdAt}: the commit of the booking to the commit of its confirmation), so client polling adds
 * no error. Rerun with the command in the README; arguments: [warm-up bookings] [measured bookings] [clients].
 */
public final class SagaLatencyBenchmark {

    private static final Set<String> FINAL = Set.of("CONFIRMED", "PAYMENT_DECLINED", "FAILED_REFUNDED", "CANCELLED");

    public static void main(String[] args) throws Exception {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int measured = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 4;

        System.out.println("Starting PostgreSQL, fauxqs, partners, workers and booking-api ...");
        try (RunningSystem system = RunningSystem.startAll(line -> {
        })) {
            System.out.printf("first booking after ready: %d ms%n", bookAndWait(system).toMillis());
            System.out.printf("warming up with %d bookings ...%n", warmup);
            run(system, warmup, clients);

            System.out.printf("measuring %d bookings, %d clients each booking and waiting for the outcome ...%n",
                    measured, clients);
            long started = System.nanoTime();
            List<Duration> times = run(system, measured, clients);
            double seconds = (System.nanoTime() - started) / 1e9;
            Collections.sort(times);
            System.out.printf("POST -> CONFIRMED over %d bookings: median %d ms, p90 %d ms, p99 %d ms, max %d ms"
                    + " (%.1f bookings/s completed)%n", times.size(), pct(times, 50), pct(times, 90), pct(times, 99),
                    times.get(times.size() - 1).toMillis(), measured / seconds);

            System.out.printf("burst: %d bookings posted at once ...%n", measured);
            started = System.nanoTime();
            times = run(system, measured, Math.min(measured, 64));
            Collections.sort(times);
            System.out.printf("burst POST -> CONFIRMED: median %d ms, p99 %d ms; all %d confirmed after %.1f s%n",
                    pct(times, 50), pct(times, 99), measured, (System.nanoTime() - started) / 1e9);
        }
    }

    private static List<Duration> run(RunningSystem system, int bookings, int clients) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<Duration>> results = new ArrayList<>();
            for (int i = 0; i < bookings; i++) {
                results.add(pool.submit(() -> bookAndWait(system)));
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

    private static Duration bookAndWait(RunningSystem system) throws InterruptedException {
        String id = system.book("bench-" + UUID.randomUUID() + "@example.com", "LH400", "tok_visa_4242", "199.00");
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            JsonPath booking = system.booking(id);
            String status = booking.getString("status");
            if (FINAL.contains(status)) {
                if (!status.equals("CONFIRMED")) {
                    throw new IllegalStateException("booking " + id + " ended " + status);
                }
                return Duration.between(Instant.parse(booking.getString("createdAt")),
                        Instant.parse(booking.getString("updatedAt")));
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("booking " + id + " not final after 120 s");
    }

    private static long pct(List<Duration> sorted, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index)).toMillis();
    }
}
