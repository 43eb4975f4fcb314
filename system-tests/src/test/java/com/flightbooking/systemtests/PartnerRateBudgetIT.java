package com.flightbooking.systemtests;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.flightbooking.events.QueueRole;
import com.flightbooking.events.testing.Bookings.Offer;
import com.flightbooking.events.testing.PartnerEffects;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/**
 * The payment processor's rate budget holds for the fleet, not per process: three workers processes run the payment
 * role against one processor with a budget of 5 calls a second, and a burst of 40 bookings, posted at once, is charged
 * no faster than that, once each, and confirmed.
 * <p>
 * What the budget guarantees: the permits of each whole second of the database's clock number at most 5, and since
 * they are handed out in slots of 100 ms (at 5 a second, one every other slot), any second-long window holds at most 6
 * (it meets 11 slots). A call reaches the processor a few milliseconds after its permit, but on this loaded 2-core
 * machine a call now and then takes 100-250 ms longer than the one before it (a GC pause, an event loop busy with
 * another handler): in a fresh-clone CI run two calls arrived 1 ms apart, one of them 265 ms after the call before.
 * Each such call can bring one more into a window. So: at most 8 calls in any second-long window of the processor's
 * request journal (the budget's 6 and two delayed), where without the budget the burst arrives within a second or two;
 * and at least 7 seconds from the first call to the last.
 */
class PartnerRateBudgetIT {

    private static final int BUDGET = 5;
    private static final int BOOKINGS = 40;
    /** Three replicas' worth of what each holds at most: enough for each to make its first calls. */
    private static final int WARM_UP = 3 * BUDGET;
    private static final String REPLICA_HEADER = "X-Test-Replica";
    private static final int MOST_IN_ANY_SECOND = BUDGET + 1 + 2;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void threeReplicasChargeABurstOfBookingsWithinTheProcessorsBudgetAndConfirmEveryOne() throws Exception {
        try (RunningSystem system = RunningSystem.startInfrastructure()) {
            // The first migrates the database; the two payment replicas and the API start together after it.
            system.startWorkers(replica(1, false));
            CompletableFuture.allOf(
                    CompletableFuture.runAsync(() -> system.startAnotherWorkers(replica(2, true))),
                    CompletableFuture.runAsync(() -> system.startAnotherWorkers(replica(3, true))),
                    CompletableFuture.runAsync(() -> system.startBookingApi(Map.of()))).join();

            // A process's first calls to the processor take a cold path (classes loaded, code not yet compiled, the
            // first connection), on a loaded machine up to a second slower than later ones: calls permitted apart
            // can arrive together. A first burst takes the replicas past it; the second is the one measured.
            List<String> warmUp = postAtOnce(system, WARM_UP, "warm-up");
            awaitConfirmed(system, warmUp);
            List<String> ids = postAtOnce(system, BOOKINGS, "budget");
            awaitConfirmed(system, ids);
            system.awaitQuiescence();

            List<LoggedRequest> charges = system.partners()
                    .find(postRequestedFor(urlPathEqualTo(PartnerEffects.CHARGES))).stream()
                    .filter(charge -> ids.contains(reference(charge))).toList();
            Map<String, Long> chargesPerBooking = charges.stream()
                    .collect(Collectors.groupingBy(this::reference, Collectors.counting()));
            Map<String, Long> chargesPerReplica = charges.stream()
                    .collect(Collectors.groupingBy(charge -> charge.getHeader(REPLICA_HEADER), Collectors.counting()));
            List<Long> arrivals = charges.stream().map(charge -> charge.getLoggedDate().getTime()).sorted().toList();
            int most = mostInAnySecond(arrivals);
            List<Double> permits = system.everyWorkersMetrics().stream()
                    .map(metrics -> metrics.sum("flights_partner_rate_budget_permits_total", "partner",
                            "payment-processor"))
                    .toList();
            SystemTestLog.line(String.format("%d charges over %d ms, at most %d in a second; per replica %s; permits"
                    + " per process, warm-up included, %s; arrivals (ms after the first) %s", charges.size(),
                    arrivals.get(arrivals.size() - 1) - arrivals.get(0), most, new TreeMap<>(chargesPerReplica),
                    permits, arrivals.stream().map(arrival -> arrival - arrivals.get(0)).toList()));

            assertThat(chargesPerBooking).containsOnlyKeys(ids).allSatisfy((id, count) -> assertThat(count)
                    .as("charge calls for booking %s", id).isEqualTo(1));
            PartnerEffects effects = system.partnerEffects();
            assertThat(ids).allSatisfy(id -> assertThat(effects.charges(id)).isEqualTo(1));
            assertThat(most).isLessThanOrEqualTo(MOST_IN_ANY_SECOND);
            // 40 calls at 5 a second take at least 7 seconds from the first to the last.
            assertThat(arrivals.get(arrivals.size() - 1) - arrivals.get(0))
                    .isGreaterThanOrEqualTo((BOOKINGS / BUDGET - 1) * 1000L);
            // Every replica charged: a replica holds at most a second of the budget (5), so none can take the burst
            // before the others poll.
            assertThat(chargesPerReplica).containsOnlyKeys("replica-1", "replica-2", "replica-3");
            // Each call with a permit of the one budget, and only one.
            assertThat(permits.stream().mapToDouble(Double::doubleValue).sum()).isEqualTo(WARM_UP + BOOKINGS);
            assertThat(system.everyWorkersMetrics().stream().mapToDouble(metrics -> metrics
                    .sum("flights_partner_rate_budget_wait_seconds_count", "partner", "payment-processor")).sum())
                    .isEqualTo(WARM_UP + BOOKINGS);
        }
    }

    /**
     * One workers process of the fleet: the budget, and a header on its calls to the processor that names it, so
     * that the processor's journal tells who called; all roles or only payment's.
     */
    private static Map<String, String> replica(int number, boolean paymentOnly) {
        Map<String, String> config = new HashMap<>();
        config.put("flights.partners.payment-processor.rate-budget.calls-per-second", Integer.toString(BUDGET));
        config.put("quarkus.rest-client.payment-processor.headers." + REPLICA_HEADER, "replica-" + number);
        if (paymentOnly) {
            config.put("flights.messaging.roles", QueueRole.Names.PAYMENT);
        }
        return config;
    }

    private static void awaitConfirmed(RunningSystem system, List<String> ids) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> ids.stream().allMatch(id -> "CONFIRMED".equals(system.status(id))));
    }

    /** Offers first, then every POST at once from 16 clients: the burst reaches the payment queue in a second. */
    private static List<String> postAtOnce(RunningSystem system, int bookings, String name) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try {
            List<Future<Offer>> offers = new ArrayList<>();
            for (int i = 0; i < bookings; i++) {
                offers.add(clients.submit(() -> system.offer("FRA", "JFK", "LH400")));
            }
            List<Future<String>> posts = new ArrayList<>();
            for (int i = 0; i < bookings; i++) {
                Offer offer = offers.get(i).get();
                String email = name + "-" + i + "-" + system.nameSuffix().substring(1) + "@example.com";
                posts.add(clients.submit(() -> system.book(email, offer, "tok_visa_4242")));
            }
            List<String> ids = new ArrayList<>();
            for (Future<String> post : posts) {
                ids.add(post.get());
            }
            return ids;
        } finally {
            clients.shutdownNow();
        }
    }

    private String reference(LoggedRequest charge) {
        try {
            return json.readTree(charge.getBodyAsString()).path("reference").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int mostInAnySecond(List<Long> sortedMillis) {
        int most = 0;
        for (int first = 0, last = 0; first < sortedMillis.size(); first++) {
            while (last < sortedMillis.size() && sortedMillis.get(last) - sortedMillis.get(first) < 1000) {
                last++;
            }
            most = Math.max(most, last - first);
        }
        return most;
    }
}
