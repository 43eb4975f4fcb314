package com.flightbooking.systemtests.bench;

import static io.restassured.RestAssured.given;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongSupplier;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.flightbooking.events.testing.Bookings;
import com.flightbooking.systemtests.RunningSystem;

/**
 * What sizes the containers: each packaged app's JVM-mode startup time to its first served request (launch to the
 * first 200 from /q/health/ready) and the CPU it took, and its resident memory (VmRSS) after a warm-up of complete
 * sagas, with the anonymous part of it (RssAnon: heap, metaspace, code, stacks; the rest is mapped files, such as the
 * JDK's modules and an AOT cache, whose clean pages the kernel can drop and share). Each app starts twice: first on an
 * empty emulator (it provisions its queues), then, after the warm-up, again on the topology it left, as a restart or a
 * second replica does; with a JDK 25 at hand the first run is also the one that trains the app's AOT cache (see
 * {@code AppJvm}), and the restart uses it. Rerun with the command in docs/benchmarks.md; argument: [warm-up bookings].
 */
public final class FootprintBenchmark {

    public static void main(String[] args) throws Exception {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        System.out.println("Starting PostgreSQL, fauxqs, partners ...");
        try (RunningSystem system = RunningSystem.startInfrastructure(line -> {
        })) {
            Startup workers = Startup.of(system::startWorkers, system::workersPid);
            Startup bookingApi = Startup.of(() -> system.startBookingApi(Map.of()), system::bookingApiPid);
            report("first start", workers, bookingApi);

            System.out.printf("warming up with %d bookings through the whole saga ...%n", warmup);
            book(system.apiUrl(), "Bearer " + system.customerToken(), warmup);
            System.out.printf("after warm-up: workers RSS %s, booking-api RSS %s%n", readResident(system.workersPid()),
                    readResident(system.bookingApiPid()));

            system.stopBookingApi();
            system.stopWorkers();
            workers = Startup.of(system::startWorkers, system::workersPid);
            bookingApi = Startup.of(() -> system.startBookingApi(Map.of()), system::bookingApiPid);
            report("restart on the provisioned topology", workers, bookingApi);
            system.appRuntimes().forEach((app, runtime) -> System.out.printf("%s ran on %s%n", app, runtime));
        }
    }

    private static void report(String what, Startup workers, Startup bookingApi) {
        System.out.printf("%s:%n", what);
        System.out.printf("  workers:     first served request %d ms after launch, %.1f s of CPU, RSS %s%n",
                workers.millis(), workers.cpuSeconds(), workers.resident());
        System.out.printf("  booking-api: first served request %d ms after launch, %.1f s of CPU, RSS %s%n",
                bookingApi.millis(), bookingApi.cpuSeconds(), bookingApi.resident());
    }

    /** One app's start: wall time to ready, and the CPU (all its threads) and memory it had used by then. */
    private record Startup(long millis, double cpuSeconds, Resident resident) {

        static Startup of(Runnable start, LongSupplier pid) {
            long started = System.nanoTime();
            start.run();
            long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
            return new Startup(millis, ProcessSample.cpuSeconds(pid.getAsLong()), readResident(pid.getAsLong()));
        }
    }

    /** A process's resident memory, and how much of it is anonymous (not backed by a file). */
    private record Resident(long totalMiB, long anonymousMiB) {

        @Override
        public String toString() {
            return totalMiB + " MiB (" + anonymousMiB + " anonymous)";
        }
    }

    /** Posts the bookings with 8 clients and waits until none is PENDING. */
    private static void book(String api, String bearer, int count) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ObjectMapper json = new ObjectMapper();
        List<String> ids = java.util.Collections.synchronizedList(new ArrayList<>());
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<?>> posts = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                posts.add(pool.submit(() -> {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(api + "/bookings"))
                            .header("Content-Type", "application/json").header("Authorization", bearer)
                            .POST(HttpRequest.BodyPublishers
                                    .ofString(Bookings.ofFreshOffer(given().baseUri(api).header("Authorization", bearer),
                                            "Footprint Customer", "footprint-" + UUID.randomUUID() + "@example.com",
                                            "tok_visa_4242")))
                            .build(), HttpResponse.BodyHandlers.ofString());
                    ids.add(json.readTree(response.body()).get("id").asText());
                    return null;
                }));
            }
            for (var post : posts) {
                post.get();
            }
        } finally {
            pool.shutdownNow();
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        List<String> pending = new ArrayList<>(ids);
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            List<String> still = new ArrayList<>();
            for (String id : pending) {
                String body = http.send(HttpRequest.newBuilder(URI.create(api + "/bookings/" + id))
                        .header("Authorization", bearer).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                if (json.readTree(body).get("status").asText().equals("PENDING")) {
                    still.add(id);
                }
            }
            pending = still;
            Thread.sleep(200);
        }
        if (!pending.isEmpty()) {
            throw new IllegalStateException(pending.size() + " bookings still pending after 5 minutes");
        }
    }

    private static Resident readResident(long pid) {
        Map<String, Long> sizes = ProcessSample.statusKib(pid);
        if (!sizes.containsKey("VmRSS") || !sizes.containsKey("RssAnon")) {
            throw new IllegalStateException("no VmRSS or RssAnon for process " + pid);
        }
        return new Resident(sizes.get("VmRSS") / 1024, sizes.get("RssAnon") / 1024);
    }
}
