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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.flightbooking.events.testing.Bookings;
import com.flightbooking.localinfra.AppPorts;
import com.flightbooking.localinfra.AppProcess;
import com.flightbooking.localinfra.LocalInfrastructure;
import com.flightbooking.localinfra.LocalOidc;
import com.flightbooking.localinfra.LocalPartners;
import com.flightbooking.localinfra.LocalTokens;

/**
 * What the HTTP response events add to {@code GET /bookings/{id}}: two packaged booking-apis on the same PostgreSQL
 * and fauxqs, one publishing response events and one not, measured in alternating rounds (so that load from anything
 * else on the machine falls on both alike), sequential warm latency percentiles of each. Rerun with the command in
 * the README; arguments: [warm-up requests per app] [measured requests per app] [rounds].
 */
public final class GetLatencyBenchmark {

    public static void main(String[] args) throws Exception {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        int measured = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        Path jar = Path.of(System.getProperty("bench.jar", "booking-api/target/quarkus-app/quarkus-run.jar"));

        System.out.println("Starting PostgreSQL, fauxqs and two booking-apis (response events on, off) ...");
        try (LocalInfrastructure infrastructure = LocalInfrastructure.start(0, 0, null, line -> {
        });
                LocalOidc oidc = LocalOidc.start(0);
                LocalPartners partners = LocalPartners.startKeepingEveryRequest(0, 0, 0);
                AppProcess on = start(infrastructure, oidc, partners, jar, true);
                AppProcess off = start(infrastructure, oidc, partners, jar, false)) {
            String bearer = "Bearer " + LocalTokens.issue(oidc.issuerUrl(), "alice", "corporate:ACME-001");
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            List<URI> bookings = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                bookings.add(URI.create(on.url() + "/bookings/" + create(http, on, bearer)));
            }
            System.out.printf("warming up each app with %d requests ...%n", warmup);
            get(http, on, bearer, bookings, warmup, new long[warmup], 0);
            get(http, off, bearer, bookings, warmup, new long[warmup], 0);

            long[] withEvents = new long[measured];
            long[] withoutEvents = new long[measured];
            int perRound = measured / rounds;
            for (int round = 0; round < rounds; round++) {
                int from = round * perRound;
                // Alternating which goes first, so neither always follows the other's background work.
                if (round % 2 == 0) {
                    get(http, on, bearer, bookings, perRound, withEvents, from);
                    get(http, off, bearer, bookings, perRound, withoutEvents, from);
                } else {
                    get(http, off, bearer, bookings, perRound, withoutEvents, from);
                    get(http, on, bearer, bookings, perRound, withEvents, from);
                }
            }
            int n = perRound * rounds;
            long[] a = Arrays.copyOf(withEvents, n);
            long[] b = Arrays.copyOf(withoutEvents, n);
            Arrays.sort(a);
            Arrays.sort(b);
            System.out.printf("GET /bookings/{id}, %d sequential requests per app in %d alternating rounds:%n", n,
                    rounds);
            print("response events on ", a);
            print("response events off", b);
            System.out.printf("added latency: p50 %+.3f ms, p99 %+.3f ms%n", pct(a, 50) - pct(b, 50),
                    pct(a, 99) - pct(b, 99));
            System.out.println("publisher of the app with events on: " + metrics(http, on));
        }
    }

    private static AppProcess start(LocalInfrastructure infrastructure, LocalOidc oidc, LocalPartners partners,
            Path jar, boolean events) {
        Map<String, String> config = new HashMap<>(
                infrastructure.quarkusConfig(LocalInfrastructure.BOOKING_API_DATABASE));
        config.put("quarkus.rest-client.travel-fulfiller.url", partners.travelFulfillerUrl());
        config.put("flights.messaging.name-suffix", "-bench-" + UUID.randomUUID().toString().substring(0, 8));
        config.putAll(oidc.quarkusConfig());
        config.put("flights.response-events.enabled", Boolean.toString(events));
        // -Dbench.subscription-filters=true: SNS (the emulator) no longer delivers response events to the API's own
        // queue, so its consumer does not receive and delete one message per response.
        config.put("flights.messaging.provisioning.apply-filters-to-subscriptions",
                System.getProperty("bench.subscription-filters", "false"));
        return AppProcess.start(events ? "booking-api-events-on" : "booking-api-events-off", jar, AppPorts.anyFree(), config,
                line -> {
                });
    }

    private static String create(HttpClient http, AppProcess app, String bearer) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(app.url() + "/bookings"))
                .header("Content-Type", "application/json").header("Authorization", bearer)
                .POST(HttpRequest.BodyPublishers
                        .ofString(Bookings.ofFreshOffer(given().baseUri(app.url()).header("Authorization", bearer),
                                "Ada " + UUID.randomUUID(), "ada@example.com", "tok_visa_4242")))
                .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IllegalStateException("POST answered " + response.statusCode() + ": " + response.body());
        }
        String location = response.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /** {@code count} GETs of the bookings in turn on {@code app}, their latencies into {@code into} from {@code from}. */
    private static void get(HttpClient http, AppProcess app, String bearer, List<URI> bookings, int count, long[] into,
            int from)
            throws IOException, InterruptedException {
        for (int i = 0; i < count; i++) {
            URI booking = URI.create(app.url() + bookings.get(i % bookings.size()).getPath());
            HttpRequest request = HttpRequest.newBuilder(booking).header("Authorization", bearer)
                    .header("X-Correlation-Id", "bench-" + i).GET().build();
            long start = System.nanoTime();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            into[from + i] = System.nanoTime() - start;
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET answered " + response.statusCode() + ": " + response.body());
            }
        }
    }

    private static String metrics(HttpClient http, AppProcess app) throws IOException, InterruptedException {
        String text = http.send(HttpRequest.newBuilder(URI.create(app.managementUrl() + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return text.lines().filter(line -> line.startsWith("flights_response_events_")).toList().toString();
    }

    private static void print(String label, long[] sorted) {
        System.out.printf("  %s: p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, max %.3f ms%n", label, pct(sorted, 50),
                pct(sorted, 90), pct(sorted, 99), sorted[sorted.length - 1] / 1e6);
    }

    private static double pct(long[] sorted, int percentile) {
        return sorted[Math.min(sorted.length - 1, sorted.length * percentile / 100)] / 1e6;
    }

}
