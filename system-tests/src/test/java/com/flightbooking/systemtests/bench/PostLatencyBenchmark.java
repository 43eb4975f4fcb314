package com.flightbooking.systemtests.bench;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.flightbooking.events.testing.Bookings;
import com.flightbooking.localinfra.AppPorts;
import com.flightbooking.localinfra.AppProcess;
import com.flightbooking.localinfra.LocalInfrastructure;
import com.flightbooking.localinfra.LocalOidc;
import com.flightbooking.localinfra.LocalPartners;
import com.flightbooking.localinfra.LocalTokens;

/**
 * Measures {@code POST /bookings} of an offer found beforehand against the packaged booking-api on real PostgreSQL and fauxqs:
 * the first request
 * after startup, then sequential warm latency percentiles, then throughput with concurrent clients. Rerun with the
 * command in the README; arguments: [warm-up requests] [measured requests] [concurrent clients].
 */
public final class PostLatencyBenchmark {

    /** The bearer header every booking is posted with: one customer's token. */
    private static String bearer;

    public static void main(String[] args) throws Exception {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        int measured = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        Path jar = Path.of(System.getProperty("bench.jar", "booking-api/target/quarkus-app/quarkus-run.jar"));

        System.out.println("Starting PostgreSQL, fauxqs, the travel fulfiller's simulator and booking-api ...");
        try (LocalInfrastructure infrastructure = LocalInfrastructure.start(0, 0, null, line -> {
        });
                LocalOidc oidc = LocalOidc.start(0);
                LocalPartners partners = LocalPartners.startKeepingEveryRequest(0, 0, 0);
                AppProcess api = AppProcess.start("booking-api", jar, AppPorts.anyFree(),
                        withSuffix(infrastructure.quarkusConfig(LocalInfrastructure.BOOKING_API_DATABASE), oidc,
                                partners),
                        line -> {
                        })) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            URI uri = URI.create(api.url() + "/bookings");
            bearer = "Bearer " + LocalTokens.issue(oidc.issuerUrl(), "alice", "corporate:ACME-001");

            System.out.printf("first request after ready: %.1f ms%n", post(http, uri) / 1e6);
            System.out.printf("warming up with %d requests ...%n", warmup);
            for (int i = 0; i < warmup; i++) {
                post(http, uri);
            }
            long[] latencies = new long[measured];
            for (int i = 0; i < measured; i++) {
                latencies[i] = post(http, uri);
            }
            Arrays.sort(latencies);
            System.out.printf("warm sequential latency over %d requests: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                    measured, pct(latencies, 50), pct(latencies, 90), pct(latencies, 99),
                    latencies[measured - 1] / 1e6);

            ExecutorService pool = Executors.newFixedThreadPool(clients);
            long start = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < measured / clients; i++) {
                        post(http, uri);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            pool.shutdown();
            System.out.printf("throughput with %d concurrent clients: %.0f bookings/s%n", clients,
                    (measured / clients) * clients / seconds);
        }
    }

    /** The offer is found before the clock starts: this measures the POST alone. */
    private static long post(HttpClient http, URI uri) throws IOException, InterruptedException {
        String body = Bookings.ofFreshOffer(given().baseUri(uri.resolve("/").toString()).header("Authorization", bearer),
                "Ada " + UUID.randomUUID(), "ada@example.com", "tok_visa_4242");
        HttpRequest request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .header("Authorization", bearer)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        long elapsed = System.nanoTime() - start;
        if (response.statusCode() != 202) {
            throw new IllegalStateException("POST answered " + response.statusCode() + ": " + response.body());
        }
        return elapsed;
    }

    private static double pct(long[] sorted, int percentile) {
        return sorted[Math.min(sorted.length - 1, sorted.length * percentile / 100)] / 1e6;
    }

    private static Map<String, String> withSuffix(Map<String, String> config, LocalOidc oidc,
            LocalPartners partners) {
        config.putAll(oidc.quarkusConfig());
        config.put("quarkus.rest-client.travel-fulfiller.url", partners.travelFulfillerUrl());
        config.put("flights.messaging.name-suffix", "-bench-" + UUID.randomUUID().toString().substring(0, 8));
        // -Dbench.relay=false measures the request path alone, without the relay publishing in the background.
        config.put("flights.outbox.relay.enabled", System.getProperty("bench.relay", "true"));
        return config;
    }

}
