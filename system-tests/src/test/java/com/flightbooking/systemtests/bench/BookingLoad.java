package com.flightbooking.systemtests.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.flightbooking.systemtests.RunningSystem;

/**
 * Open-loop booking load against a {@link RunningSystem}: POSTs leave on a timer whether or not earlier ones were
 * answered, as customers do. Each booking books an offer found ({@code GET /offers}) before the load began; 5 % pay
 * with a declined card, 5 % book a flight without seats, half on a corporate account; some customers also read the
 * booking, follow its status stream or cancel it 300 ms after booking.
 */
public final class BookingLoad implements AutoCloseable {

    private static final List<String> ACCOUNTS = List.of("ACME-001", "ACME-002", "GLOBEX-01", "INITECH-1", "UMBRELLA",
            "STARK-IND", "WAYNE-ENT");
    private static final int CUSTOMERS = 200;
    /** Routes of the travel fulfiller's simulator, and the flight (FRA-PMI) it sells but cannot seat. */
    private static final List<String> ROUTES = List.of("FRA-JFK", "LHR-JFK", "JFK-FRA", "FRA-LHR", "MUC-SIN", "FRA-PMI");
    private static final String FULL_FLIGHT = "ZZ999";
    private static final int CONCURRENT_SEARCHES = 16;
    /** The name of the threads that post on the timer. */
    static final String TIMER_THREAD = "load-timer";
    /** How long the offer searches may find nothing (the API answering with errors) before the run stops. */
    private static final Duration OFFER_SEARCH_PATIENCE = Duration.ofMinutes(2);

    /** What one run of the load saw: the bookings accepted (202), the POSTs that were not, POST latencies. */
    public static final class Tally {
        private final ConcurrentLinkedQueue<Long> postNanos = new ConcurrentLinkedQueue<>();
        private final ConcurrentLinkedQueue<String> bookings = new ConcurrentLinkedQueue<>();
        private final Set<String> cancelled = ConcurrentHashMap.newKeySet();
        private final AtomicInteger failed = new AtomicInteger();
        private final AtomicInteger streamsDone = new AtomicInteger();

        public List<String> bookings() {
            return new ArrayList<>(bookings);
        }

        /**
         * The bookings their customers cancel, 300 ms after booking: their final status is the customer's doing, so
         * their end-to-end time measures the customer's timer rather than the saga.
         */
        public Set<String> cancelledByCustomer() {
            return Set.copyOf(cancelled);
        }

        public int accepted() {
            return bookings.size();
        }

        public int failed() {
            return failed.get();
        }

        public int streamsDone() {
            return streamsDone.get();
        }

        /** From the moment each POST was due to leave until its answer. */
        public List<Double> postMillis() {
            return postNanos.stream().map(nanos -> nanos / 1e6).toList();
        }
    }

    private final RunningSystem system;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, TIMER_THREAD);
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong sequence = new AtomicLong();
    private final ConcurrentLinkedQueue<String> offers = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> fullFlightOffers = new ConcurrentLinkedQueue<>();
    /** Bearer headers of the customers who book, in turn: each a traveller of every corporate account. */
    private final List<String> customers;

    public BookingLoad(RunningSystem system) {
        this.system = system;
        String[] scopes = ACCOUNTS.stream().map(account -> "corporate:" + account).toArray(String[]::new);
        this.customers = IntStream.range(0, CUSTOMERS)
                .mapToObj(i -> "Bearer " + system.token("load-customer-" + i, scopes)).toList();
    }

    /**
     * Posts {@code total} bookings at {@code rate} per second and returns, once every POST was answered (or timed
     * out), the seconds it took to send them. Find their offers first ({@link #findOffers}).
     */
    public double run(int rate, int total, Tally tally) throws Exception {
        List<CompletableFuture<?>> inFlight = Collections.synchronizedList(new ArrayList<>());
        long periodNanos = 1_000_000_000L / rate;
        long start = System.nanoTime() + 50_000_000;
        CountDownLatch sent = new CountDownLatch(total);
        for (int i = 0; i < total; i++) {
            long intended = start + i * periodNanos;
            timer.schedule(() -> {
                try {
                    inFlight.add(post(intended, tally));
                } finally {
                    sent.countDown();
                }
            }, intended - System.nanoTime(), TimeUnit.NANOSECONDS);
        }
        sent.await();
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
        return sendSeconds;
    }

    /** One customer: POST, and for some of them a GET, a status stream or a cancel as well. */
    private CompletableFuture<?> post(long intended, Tally tally) {
        long n = sequence.incrementAndGet();
        String customer = customers.get((int) (n % CUSTOMERS));
        HttpRequest request = HttpRequest.newBuilder(URI.create(system.apiUrl() + "/bookings"))
                .header("Authorization", customer)
                .header("Content-Type", "application/json").header("Idempotency-Key", "load-" + UUID.randomUUID())
                .POST(HttpRequest.BodyPublishers.ofString(body(n))).timeout(Duration.ofSeconds(30)).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, error) -> {
            tally.postNanos.add(System.nanoTime() - intended);
            if (error != null || response.statusCode() != 202) {
                tally.failed.incrementAndGet();
                return null;
            }
            String id = readTree(response.body()).get("id").asText();
            tally.bookings.add(id);
            if (n % 10 == 0) {
                http.sendAsync(HttpRequest.newBuilder(URI.create(system.apiUrl() + "/bookings/" + id))
                        .header("Authorization", customer).build(), HttpResponse.BodyHandlers.discarding());
            }
            if (n % 50 == 0) {
                http.sendAsync(HttpRequest.newBuilder(URI.create(system.apiUrl() + "/bookings/" + id + "/status-stream"))
                        .header("Authorization", customer).timeout(Duration.ofMinutes(2)).build(),
                        HttpResponse.BodyHandlers.ofLines())
                        .thenAccept(stream -> {
                            stream.body().forEach(line -> {
                            });
                            tally.streamsDone.incrementAndGet();
                        });
            }
            if (n % 33 == 0) {
                tally.cancelled.add(id);
                timer.schedule(() -> http.sendAsync(HttpRequest.newBuilder(
                        URI.create(system.apiUrl() + "/bookings/" + id + "/cancel")).header("Authorization", customer)
                        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding()),
                        300, TimeUnit.MILLISECONDS);
            }
            return null;
        });
    }

    /**
     * Offers for the next {@code bookings} bookings, {@value #CONCURRENT_SEARCHES} searches at a time over the
     * simulator's routes and days 10 to 69 ahead: one booking in 20 gets one on the full flight. While searches are
     * answered with errors (an overloaded machine), they go on once a second, for at most two minutes.
     */
    public void findOffers(int bookings) {
        int full = bookings / 20 + 1;
        fill(fullFlightOffers, full, List.of("FRA-PMI"), FULL_FLIGHT::equals);
        fill(offers, bookings - full + 1, ROUTES, flight -> !flight.equals(FULL_FLIGHT));
    }

    private void fill(ConcurrentLinkedQueue<String> pool, int count, List<String> routes, Predicate<String> flights) {
        int search = 0;
        long lastFound = System.nanoTime();
        AtomicReference<String> lastError = new AtomicReference<>();
        while (pool.size() < count) {
            int before = pool.size();
            List<CompletableFuture<?>> searches = new ArrayList<>();
            for (int i = 0; i < CONCURRENT_SEARCHES; i++, search++) {
                String[] route = routes.get(search % routes.size()).split("-");
                URI uri = URI.create(system.apiUrl() + "/offers?origin=" + route[0] + "&destination=" + route[1]
                        + "&date=" + LocalDate.now(ZoneOffset.UTC).plusDays(10 + search % 60));
                searches.add(http.sendAsync(HttpRequest.newBuilder(uri).header("Authorization", customers.get(0)).build(),
                        HttpResponse.BodyHandlers.ofString())
                        .thenAccept(response -> {
                            if (response.statusCode() != 200) {
                                lastError.set(response.statusCode() + " " + response.body());
                                return;
                            }
                            readTree(response.body()).path("offers").forEach(offer -> {
                                if (flights.test(offer.get("flight").get("number").asText())) {
                                    pool.add(offer.get("id").asText());
                                }
                            });
                        }));
            }
            CompletableFuture.allOf(searches.toArray(CompletableFuture[]::new)).join();
            if (pool.size() > before) {
                lastFound = System.nanoTime();
            } else if (System.nanoTime() - lastFound > OFFER_SEARCH_PATIENCE.toNanos()) {
                throw new IllegalStateException("No offer found for " + OFFER_SEARCH_PATIENCE + "; last answer: "
                        + lastError.get());
            } else {
                pauseBeforeSearchingAgain();
            }
        }
    }

    /** Paces the searches while the API answers with errors (an overloaded machine), instead of hammering it. */
    private static void pauseBeforeSearchingAgain() {
        try {
            TimeUnit.SECONDS.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
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

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
