package com.flightbooking.workers.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.flightbooking.events.testing.Prometheus;
import com.flightbooking.kit.consumer.ReceiveGate.Admission;
import com.flightbooking.workers.partner.PermitLeases.Lease;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * The fleet-wide rate budget against the workers' real PostgreSQL: several lease holders (each standing for a process,
 * with its own permits and waiters) on one partner's budget never get more than a slot's share per slot, a holder that
 * dies with a lease holds nothing past its slot, and callers wait for the next slot, then fail after max-wait.
 */
@QuarkusTest
class PartnerRateBudgetTest {

    @Inject
    PermitLeases leases;
    @Inject
    Vertx vertx;
    @Inject
    MeterRegistry registry;

    @Test
    void concurrentLeasesFromSeveralHoldersNeverExceedASlotsShare() {
        String partner = uniquePartner();
        Duration slot = Duration.ofMillis(100);
        // 50 calls/s in slots of 100 ms: 5 permits per slot.
        Map<Long, AtomicInteger> perSlot = new ConcurrentHashMap<>();
        long until = System.nanoTime() + Duration.ofMillis(1500).toNanos();
        List<Lease> all = Multi.createFrom().range(0, 6)
                .onItem().transformToMulti(holder -> Multi.createBy().repeating()
                        .uni(() -> leases.lease(partner, 50, slot, 2))
                        .whilst(lease -> System.nanoTime() < until))
                .merge(6)
                .collect().asList().await().atMost(Duration.ofSeconds(30));

        all.forEach(lease -> perSlot.computeIfAbsent(lease.slot(), s -> new AtomicInteger())
                .addAndGet(lease.permits()));
        assertThat(perSlot.size()).isGreaterThanOrEqualTo(10);
        assertThat(perSlot.values()).allSatisfy(granted -> assertThat(granted.get()).isBetween(0, 5));
        // Six holders asking all the time reach the cap: a slot is spent, and asking more gets nothing.
        assertThat(perSlot.values()).anySatisfy(granted -> assertThat(granted.get()).isEqualTo(5));
        assertThat(all).anySatisfy(lease -> assertThat(lease.permits()).isZero());
        assertThat(all).allSatisfy(lease -> assertThat(lease.left()).isBetween(Duration.ZERO, slot));
    }

    @Test
    void aSlotsShareFollowsTheBudgetWhenASlotGetsLessThanOnePermit() {
        String partner = uniquePartner();
        Duration slot = Duration.ofMillis(100);
        // 5 calls/s in slots of 100 ms: every other slot has a permit, every second of the clock exactly 5.
        Map<Long, Integer> perSlot = new TreeMap<>();
        long until = System.nanoTime() + Duration.ofMillis(2200).toNanos();
        while (System.nanoTime() < until) {
            Lease lease = leases.lease(partner, 5, slot, 5).await().atMost(Duration.ofSeconds(5));
            perSlot.merge(lease.slot(), lease.permits(), Integer::sum);
        }

        Map<Long, Integer> perSecond = new TreeMap<>();
        perSlot.forEach((index, permits) -> perSecond.merge(index / 10, permits, Integer::sum));
        assertThat(perSlot.values()).allSatisfy(permits -> assertThat(permits).isBetween(0, 1));
        assertThat(perSecond.values()).allSatisfy(permits -> assertThat(permits).isLessThanOrEqualTo(5));
        // A whole second inside the run: its ten slots were all asked.
        assertThat(perSecond.values()).contains(5);
    }

    @Test
    void aHolderThatDiesWithItsLeaseHoldsNothingPastItsSlot() {
        String partner = uniquePartner();
        Duration slot = Duration.ofSeconds(1);
        Lease dead = leases.lease(partner, 5, slot, 5).await().atMost(Duration.ofSeconds(5));
        assertThat(dead.permits()).isEqualTo(5);
        long diedAt = System.nanoTime();

        Lease same = leases.lease(partner, 5, slot, 5).await().atMost(Duration.ofSeconds(5));
        if (same.slot() == dead.slot()) {
            assertThat(same.permits()).isZero();
        }
        await().pollInterval(Duration.ofMillis(20)).atMost(Duration.ofSeconds(3))
                .until(() -> leases.lease(partner, 5, slot, 5).await().atMost(Duration.ofSeconds(5)).permits() > 0);

        assertThat(Duration.ofNanos(System.nanoTime() - diedAt)).isLessThanOrEqualTo(dead.left().plusMillis(300));
    }

    @Test
    void processesSharingABudgetGiveEveryCallItsPermitWithinTheRate() {
        String partner = uniquePartner();
        // 20 calls/s in slots of 100 ms: 2 permits per slot, shared by three processes asking for 60.
        PartnerRateBudget.Settings settings = new PartnerRateBudget.Settings(20, Duration.ofMillis(100), 1,
                Duration.ofSeconds(30));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        List<PartnerRateBudget> processes = List.of(budget(partner, settings, registry),
                budget(partner, settings, registry), budget(partner, settings, registry));
        List<Long> grantedAt = new CopyOnWriteArrayList<>();
        long start = System.nanoTime();

        Multi.createFrom().range(0, 60)
                .onItem().transformToUni(call -> processes.get(call % 3).permit()
                        .invoke(() -> grantedAt.add(System.nanoTime() - start)))
                .merge(60)
                .collect().asList().await().atMost(Duration.ofSeconds(20));

        assertThat(grantedAt).hasSize(60);
        // A second of the clock holds exactly 20 permits; any second-long window meets at most 11 slots (22).
        assertThat(mostInAnyWindow(grantedAt, Duration.ofSeconds(1))).isLessThanOrEqualTo(22);
        assertThat(Duration.ofNanos(grantedAt.stream().max(Long::compare).orElseThrow()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(2400));
        assertThat(registry.get("flights.partner.rate.budget.permits").counters().stream()
                .mapToDouble(counter -> counter.count()).sum()).isEqualTo(60);
        assertThat(registry.get("flights.partner.rate.budget.wait").timers().stream()
                .mapToLong(timer -> timer.count()).sum()).isEqualTo(60);
    }

    @Test
    void aRoleWaitingForTheNextSlotPausesItsReceivesUntilItsCallsHaveTheirPermits() {
        String partner = uniquePartner();
        PartnerRateBudget budget = budget(partner,
                new PartnerRateBudget.Settings(2, Duration.ofSeconds(1), 1, Duration.ofSeconds(30)),
                new SimpleMeterRegistry());
        RateBudgetGate gate = new RateBudgetGate("payment", budget);
        AtomicInteger granted = new AtomicInteger();

        for (int i = 0; i < 5; i++) {
            budget.permit().subscribe().with(ok -> granted.incrementAndGet());
        }

        await().atMost(Duration.ofSeconds(3)).until(() -> gate.admission() == Admission.PAUSED);
        assertThat(granted.get()).isLessThan(5);
        await().atMost(Duration.ofSeconds(5)).until(() -> granted.get() == 5);
        assertThat(gate.admission()).isEqualTo(Admission.OPEN);
    }

    @Test
    void aReplicaHoldsAtMostOneSecondOfTheFleetsBudgetSoABurstIsShared() {
        PartnerRateBudget.Settings fivePerSecond = new PartnerRateBudget.Settings(5, Duration.ofMillis(100), 1,
                Duration.ofSeconds(30));
        PartnerRateBudget.Settings none = new PartnerRateBudget.Settings(0, Duration.ofMillis(100), 1,
                Duration.ofSeconds(30));

        assertThat(new RateBudgetGate("payment", budget(uniquePartner(), fivePerSecond, new SimpleMeterRegistry()))
                .holdAtMost()).isEqualTo(5);
        assertThat(new RateBudgetGate("payment", budget(uniquePartner(), none, new SimpleMeterRegistry()))
                .holdAtMost()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void aCallThatWaitsMaxWaitInVainFailsUntriedAndIsPutBack() {
        String partner = uniquePartner();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        PartnerRateBudget budget = budget(partner,
                new PartnerRateBudget.Settings(1, Duration.ofSeconds(1), 1, Duration.ofMillis(200)), registry);
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        AtomicInteger granted = new AtomicInteger();

        for (int i = 0; i < 3; i++) {
            budget.permit().subscribe().with(ok -> granted.incrementAndGet(), failures::add);
        }

        // One permit a second: of three calls at most two (one per slot, when a slot ends within max-wait) get one.
        await().atMost(Duration.ofSeconds(3)).until(() -> granted.get() + failures.size() == 3);
        assertThat(failures).isNotEmpty().allSatisfy(failure -> assertThat(failure)
                .isInstanceOf(PermitNotGranted.class));
        assertThat(new RateBudgetGate("payment", budget).refusedUntried(failures.get(0))).isTrue();
        assertThat(registry.get("flights.partner.rate.budget.refusals").counter().count())
                .isEqualTo(failures.size());
    }

    @Test
    void aSteadyFlowOfCallsLeasesWhatTheLastSlotUsedAtOnceInsteadOfAPermitPerCall() {
        AtomicLong clock = new AtomicLong();
        List<Integer> wanted = new CopyOnWriteArrayList<>();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        PartnerRateBudget budget = new PartnerRateBudget("steady",
                new PartnerRateBudget.Settings(100, Duration.ofMillis(100), 10, Duration.ofSeconds(5)), permits -> {
                    wanted.add(permits);
                    return Uni.createFrom().item(new Lease(permits, 0, Duration.ofMillis(100).minusNanos(clock.get()
                            % Duration.ofMillis(100).toNanos())));
                }, vertx, clock::get, registry);

        // The first slot: five calls one after another, each lease as large as the calls of the slot so far.
        for (int call = 0; call < 5; call++) {
            clock.addAndGet(Duration.ofMillis(10).toNanos());
            budget.permit().await().atMost(Duration.ofSeconds(1));
        }
        List<Integer> firstSlot = List.copyOf(wanted);
        // The next slot: its first call leases the five the last slot used; the other four find theirs held.
        clock.set(Duration.ofMillis(105).toNanos());
        for (int call = 0; call < 5; call++) {
            budget.permit().await().atMost(Duration.ofSeconds(1));
            clock.addAndGet(Duration.ofMillis(10).toNanos());
        }

        assertThat(firstSlot).containsExactly(1, 1, 2, 4);
        assertThat(wanted.subList(firstSlot.size(), wanted.size())).containsExactly(5);
        // The first slot's last lease had 4 for its 5th call: 3 ran out with the slot, unused.
        assertThat(registry.get("flights.partner.rate.budget.expired").counter().count()).isEqualTo(3);
        assertThat(registry.get("flights.partner.rate.budget.permits").counter().count()).isEqualTo(10);
    }

    @Test
    void withoutABudgetEveryCallHasItsPermitAtOnceAndNoLease() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        PartnerRateBudget budget = new PartnerRateBudget("unlimited",
                new PartnerRateBudget.Settings(0, Duration.ofMillis(100), 1, Duration.ofSeconds(1)),
                wanted -> Uni.createFrom().failure(new AssertionError("no lease without a budget")), vertx,
                System::nanoTime, registry);

        budget.permit().await().atMost(Duration.ofSeconds(1));

        assertThat(registry.get("flights.partner.rate.budget.leases").counter().count()).isZero();
    }

    @Test
    void theProcessExportsEveryPermitItGaveAndHowLongItsCallsWaited() {
        String partner = uniquePartner();
        PartnerRateBudget budget = new PartnerRateBudget(partner,
                new PartnerRateBudget.Settings(1000, Duration.ofMillis(100), 100, Duration.ofSeconds(5)),
                wanted -> leases.lease(partner, 1000, Duration.ofMillis(100), wanted), vertx, System::nanoTime,
                registry);

        for (int i = 0; i < 5; i++) {
            budget.permit().await().atMost(Duration.ofSeconds(5));
        }

        Prometheus metrics = Prometheus.scrape();
        assertThat(metrics.sum("flights_partner_rate_budget_permits_total", "partner", partner)).isEqualTo(5);
        assertThat(metrics.sum("flights_partner_rate_budget_wait_seconds_count", "partner", partner)).isEqualTo(5);
        assertThat(metrics.sum("flights_partner_rate_budget_leases_total", "partner", partner)).isPositive();
        assertThat(metrics.samples("flights_partner_rate_budget_expired_total", "partner", partner)).hasSize(1);
        assertThat(metrics.samples("flights_partner_rate_budget_refusals_total", "partner", partner)).hasSize(1);
    }

    private PartnerRateBudget budget(String partner, PartnerRateBudget.Settings settings,
            SimpleMeterRegistry registry) {
        return new PartnerRateBudget(partner, settings,
                wanted -> leases.lease(partner, settings.callsPerSecond(), settings.slot(), wanted), vertx,
                System::nanoTime, registry);
    }

    private static int mostInAnyWindow(List<Long> nanos, Duration window) {
        List<Long> sorted = nanos.stream().sorted().toList();
        int most = 0;
        for (int first = 0, last = 0; first < sorted.size(); first++) {
            while (last < sorted.size() && sorted.get(last) - sorted.get(first) < window.toNanos()) {
                last++;
            }
            most = Math.max(most, last - first);
        }
        return most;
    }

    private static String uniquePartner() {
        return "test-partner-" + UUID.randomUUID();
    }
}
