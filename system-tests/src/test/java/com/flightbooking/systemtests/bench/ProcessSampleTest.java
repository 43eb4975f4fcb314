package com.flightbooking.systemtests.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

class ProcessSampleTest {

    private static final long PID = ProcessHandle.current().pid();

    @Test
    void aSplitProcessCountsItsClaimedThreadsForTheirPartAndEverythingElseForTheRest() throws Exception {
        ProcessSample.ThreadSplit split = new ProcessSample.ThreadSplit(PID,
                name -> name.startsWith("spinner") ? "spinner" : null, "rest");
        AtomicBoolean spinning = new AtomicBoolean(true);
        Thread spinner = new Thread(() -> {
            while (spinning.get()) {
                Thread.onSpinWait();
            }
        }, "spinner");
        ProcessSample before = ProcessSample.take(Map.of("jvm", PID), command -> null, split);
        spinner.start();
        try {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> ManagementFactory.getThreadMXBean().getThreadCpuTime(spinner.getId()) > 300_000_000L);
            ProcessSample after = ProcessSample.take(Map.of("jvm", PID), command -> null, split);
            ProcessSample delta = after.since(before);

            assertThat(delta.cpuSeconds("spinner")).isGreaterThanOrEqualTo(0.25);
            assertThat(delta.cpuSeconds("rest")).isGreaterThanOrEqualTo(0);
            double whole = after.cpuSeconds("rest") - before.cpuSeconds("rest");
            assertThat(delta.totalCpuSeconds()).isCloseTo(whole, within(0.001));
        } finally {
            spinning.set(false);
            spinner.join();
        }
    }

    @Test
    void threadsThatOutnumberTheCoresWaitForOneAndTheirPartCountsTheWait() throws Exception {
        int spinners = Runtime.getRuntime().availableProcessors() + 1;
        ProcessSample.ThreadSplit split = new ProcessSample.ThreadSplit(PID,
                name -> name.startsWith("crowd") ? "crowd" : null, "rest");
        AtomicBoolean spinning = new AtomicBoolean(true);
        List<Thread> crowd = new ArrayList<>();
        for (int i = 0; i < spinners; i++) {
            crowd.add(new Thread(() -> {
                while (spinning.get()) {
                    Thread.onSpinWait();
                }
            }, "crowd-" + i));
        }
        ProcessSample before = ProcessSample.take(Map.of("jvm", PID), command -> null, split);
        crowd.forEach(Thread::start);
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> crowd.stream()
                    .mapToLong(thread -> ManagementFactory.getThreadMXBean().getThreadCpuTime(thread.getId()))
                    .sum() > 1_000_000_000L);
            ProcessSample delta = ProcessSample.take(Map.of("jvm", PID), command -> null, split).since(before);

            // More spinning threads than cores: at any moment at least one of them is runnable and not running.
            assertThat(delta.cpuWaitSeconds("crowd")).isGreaterThan(0.05);
            assertThat(delta.cpuWaitSeconds("nobody")).isZero();
            assumeTrue(delta.cpuPressure() != null, "the kernel counts no CPU pressure (PSI)");
            assertThat(delta.cpuPressure()).isGreaterThan(0.05).isLessThanOrEqualTo(1.01);
        } finally {
            spinning.set(false);
            for (Thread thread : crowd) {
                thread.join();
            }
        }
    }

    @Test
    void theBenchJvmThreadsAreToldApartByTheNamesTheirLibrariesGiveThem() {
        assertThat(LoadBenchmark.partOfThread("qtp1999593921-")).startsWith("partner simulators");
        assertThat(LoadBenchmark.partOfThread("smtp:127.0.0.1:")).startsWith("mail server");
        assertThat(LoadBenchmark.partOfThread("MockWebServer /")).startsWith("OIDC server");
        assertThat(LoadBenchmark.partOfThread("HttpClient-2-Wo")).startsWith("load generator");
        assertThat(LoadBenchmark.partOfThread(BookingLoad.TIMER_THREAD)).startsWith("load generator");
        assertThat(LoadBenchmark.partOfThread("C2 CompilerThre")).isNull();
    }

    @Test
    void postgresqlBackendsCountForTheDatabaseTheirCommandLineNamesAndEverythingElseForTheServer() {
        assertThat(LoadBenchmark.postgresPart("postgres: postgres workers 127.0.0.1(43594) idle in transaction"))
                .isEqualTo(LoadBenchmark.POSTGRES_FOR_WORKERS);
        assertThat(LoadBenchmark.postgresPart("postgres: postgres booking_api 127.0.0.1(39678) UPDATE"))
                .isEqualTo(LoadBenchmark.POSTGRES_FOR_BOOKING_API);
        assertThat(LoadBenchmark.postgresPart("postgres: walwriter")).isEqualTo(LoadBenchmark.POSTGRES_SERVER);
        assertThat(LoadBenchmark.postgresPart("postgres: autovacuum worker workers"))
                .isEqualTo(LoadBenchmark.POSTGRES_SERVER);
        assertThat(LoadBenchmark.postgresPart("/tmp/embedded-pg/PG-16c5/bin/postgres -D /tmp/epg1 -p 33053"))
                .isEqualTo(LoadBenchmark.POSTGRES_SERVER);
    }
}
