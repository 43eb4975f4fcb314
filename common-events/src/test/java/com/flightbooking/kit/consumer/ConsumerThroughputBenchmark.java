package com.flightbooking.kit.consumer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.ToDoubleFunction;
import java.util.logging.Level;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.flightbooking.events.EventCodec;
import com.flightbooking.events.EventEnvelope;
import com.flightbooking.events.testing.SampleEvents;
import com.flightbooking.kit.messaging.MessageAttributes;
import com.flightbooking.localinfra.LocalFauxqs;
import com.sun.management.OperatingSystemMXBean;

import io.vertx.core.Vertx;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.SdkAdvancedAsyncClientOption;
import software.amazon.awssdk.http.crt.AwsCrtAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClientBuilder;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * The kit's consumer against its peers in one run, on the same emulator and the same preloaded queue contents (a
 * real event's body and the attributes the relay publishes it with): the kit with its defaults and tuned, bare async
 * SDK calls, and Spring Cloud AWS's listener container, each with a no-op handler. Rounds alternate between them so
 * that the machine's load falls on each alike; medians of messages/s and of CPU seconds per 1,000 messages, of this
 * JVM (the consumer and the SDK) and of the emulator. One SQS client for all, set up as the apps' (answers complete
 * on the I/O thread that read them).
 * <p>
 * Arguments: [messages per drain] [max-in-flight] [max-concurrent-receives] for the tuned kit, which is also the
 * number of bare loops, [rounds] measured after {@code -Dbench.warm-up-rounds} (2).
 * {@code -Dbench.drains=kit-tuned,...} runs only some of {@code kit-defaults}, {@code kit-tuned}, {@code bare},
 * {@code spring} (to profile one); the ratios need all four. {@code -Dbench.http-clients=netty,crt} runs every drain
 * with each HTTP client in the same rounds (default: netty, as the apps). {@code -Dbench.calls} prints each drain's
 * calls per operation: how many per second, how long each took, how many were in flight;
 * {@code -Dbench.max-connections} sets the Netty client's connection pool (50) and
 * {@code -Dbench.spring.max-concurrent-messages} Spring's bound (50, so at most 5 polls at once).
 * {@code -Dbench.emulator-core=0} gives the emulator that core and this JVM the others (Linux, {@code taskset}), as
 * SQS in production runs on cores of its own: otherwise client and emulator share the machine's cores, and on two
 * the emulator's one thread waits for whatever the client takes (docs/benchmarks.md).
 */
public final class ConsumerThroughputBenchmark {

    private static final int SPRING_MAX_CONCURRENT_MESSAGES = Integer.getInteger("bench.spring.max-concurrent-messages", 50);
    private static final List<String> DRAINS = List.of("kit-defaults", "kit-tuned", "bare", "spring");
    /** With {@code -Dbench.calls}: each drain's calls, per operation (count, time each, concurrency). */
    private static final Optional<CallLatencies> CALLS = Boolean.getBoolean("bench.calls")
            ? Optional.of(new CallLatencies())
            : Optional.empty();
    private static final OperatingSystemMXBean OS = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    record Result(double messagesPerSecond, double jvmCpuPer1000, double emulatorCpuPer1000) {
    }

    public static void main(String[] args) throws Exception {
        // Outside Quarkus the log manager's root level is ALL: the SDK's Netty client then adds Netty's wire logger,
        // which hex-dumps every request and answer only for the records to be dropped (a quarter of the drain's CPU).
        // The apps log at INFO.
        org.jboss.logmanager.Logger.getLogger("").setLevel(Level.INFO);
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int tunedInFlight = args.length > 1 ? Integer.parseInt(args[1]) : 400;
        int tunedReceives = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        EventCodec codec = new EventCodec();
        List<String> httpClients = Arrays.stream(System.getProperty("bench.http-clients", "netty").split(","))
                .map(String::strip).toList();
        List<String> drainKeys = Arrays.stream(System.getProperty("bench.drains", String.join(",", DRAINS)).split(","))
                .map(String::strip).toList();
        try (LocalFauxqs fauxqs = LocalFauxqs.start(0, line -> {
        })) {
            String emulatorCore = System.getProperty("bench.emulator-core");
            String placement = emulatorCore == null ? ""
                    : "; " + splitCores(Integer.parseInt(emulatorCore), fauxqs.pid());
            Vertx vertx = Vertx.vertx();
            EventEnvelope event = realEvent();
            String body = codec.encode(event);
            Map<String, MessageAttributeValue> attributes = attributes(event);
            Map<String, SqsAsyncClient> clients = new LinkedHashMap<>();
            httpClients.forEach(name -> clients.put(name, client(name, fauxqs.endpoint(), CALLS)));
            SqsAsyncClient setup = clients.values().iterator().next();
            // Per HTTP client, the drains in the order of DRAINS.
            Map<String, List<QueueDrain>> byClient = new LinkedHashMap<>();
            List<QueueDrain> drains = new ArrayList<>();
            clients.forEach((clientName, sqs) -> {
                for (String key : drainKeys) {
                    QueueDrain drain = switch (key) {
                        case "kit-defaults" -> new KitDrain("kit, defaults (max-in-flight 100, 4 receives)", sqs, vertx,
                                codec, 100, 4);
                        case "kit-tuned" -> new KitDrain("kit, tuned (max-in-flight " + tunedInFlight + ", "
                                + tunedReceives + " receives)", sqs, vertx, codec, tunedInFlight, tunedReceives);
                        case "bare" -> new BareSdkDrain(sqs, tunedReceives);
                        case "spring" -> new SpringCloudAwsDrain(sqs, SPRING_MAX_CONCURRENT_MESSAGES);
                        default -> throw new IllegalArgumentException("bench.drains: no " + key + " among " + DRAINS);
                    };
                    drain = named(drain, drain.name() + " [" + clientName + "]");
                    byClient.computeIfAbsent(clientName, c -> new ArrayList<>()).add(drain);
                    drains.add(drain);
                }
            });
            System.out.printf("%,d messages per drain, body %,d bytes, %d attributes; load average %s%s%n", messages,
                    body.length(), attributes.size(), loadAverage(), placement);
            // The JIT keeps improving every contender for several rounds: these are rounds like the others, unreported.
            int warmUpRounds = Integer.getInteger("bench.warm-up-rounds", 2);
            System.out.printf("warm-up: %d rounds ...%n", warmUpRounds);
            for (int round = 0; round < warmUpRounds; round++) {
                for (QueueDrain drain : drains) {
                    measure(setup, fauxqs, drain, body, attributes, messages);
                }
            }
            Map<QueueDrain, List<Result>> results = new LinkedHashMap<>();
            for (int round = 1; round <= rounds; round++) {
                for (QueueDrain drain : drains) {
                    Result result = measure(setup, fauxqs, drain, body, attributes, messages);
                    results.computeIfAbsent(drain, d -> new ArrayList<>()).add(result);
                    System.out.printf("round %d, %-58s %,7.0f messages/s, CPU s per 1,000: this JVM %.3f, emulator %.3f%n",
                            round, drain.name() + ":", result.messagesPerSecond(), result.jvmCpuPer1000(),
                            result.emulatorCpuPer1000());
                }
            }
            report(results, byClient, drainKeys.equals(DRAINS));
            System.out.println("load average at the end: " + loadAverage());
            vertx.close().toCompletionStage().toCompletableFuture().join();
            clients.values().forEach(SqsAsyncClient::close);
        }
    }

    /**
     * Set up as the apps' client is: the SDK's answers complete on the I/O thread that read them. {@code netty} is
     * what the apps use; {@code crt} the AWS CRT client ({@code quarkus.sqs.async-client.type=aws-crt}).
     */
    private static SqsAsyncClient client(String httpClient, String endpoint, Optional<CallLatencies> calls) {
        SqsAsyncClientBuilder builder = SqsAsyncClient.builder().endpointOverride(URI.create(endpoint))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .asyncConfiguration(c -> c.advancedOption(SdkAdvancedAsyncClientOption.FUTURE_COMPLETION_EXECUTOR,
                        Runnable::run));
        calls.ifPresent(interceptor -> builder.overrideConfiguration(c -> c.addExecutionInterceptor(interceptor)));
        return switch (httpClient) {
            case "netty" -> builder.httpClientBuilder(NettyNioAsyncHttpClient.builder()
                    .maxConcurrency(Integer.getInteger("bench.max-connections", 50))).build();
            case "crt" -> builder.httpClientBuilder(AwsCrtAsyncHttpClient.builder()).build();
            default -> throw new IllegalArgumentException("bench.http-clients: netty or crt, not " + httpClient);
        };
    }

    private static QueueDrain named(QueueDrain drain, String name) {
        return new QueueDrain() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public AutoCloseable drain(String queueName, String queueUrl, int messages) throws Exception {
                return drain.drain(queueName, queueUrl, messages);
            }
        };
    }

    private static void report(Map<QueueDrain, List<Result>> results, Map<String, List<QueueDrain>> byClient,
            boolean allDrains) {
        System.out.printf("%nmedians over %d rounds:%n", results.values().iterator().next().size());
        Map<QueueDrain, Result> medians = new LinkedHashMap<>();
        results.forEach((drain, list) -> {
            Result median = new Result(median(list, Result::messagesPerSecond), median(list, Result::jvmCpuPer1000),
                    median(list, Result::emulatorCpuPer1000));
            medians.put(drain, median);
            System.out.printf("  %-58s %,7.0f messages/s, CPU s per 1,000: this JVM %.3f, emulator %.3f%n",
                    drain.name() + ":", median.messagesPerSecond(), median.jvmCpuPer1000(),
                    median.emulatorCpuPer1000());
        });
        if (!allDrains) {
            return;
        }
        for (List<QueueDrain> drains : byClient.values()) {
            Result bare = medians.get(drains.get(2));
            Result spring = medians.get(drains.get(3));
            for (QueueDrain kit : drains.subList(0, 2)) {
                Result k = medians.get(kit);
                System.out.printf("%s: %.2f x bare SDK (target >= 0.9), %.2f x Spring Cloud AWS (target >= 1.5);"
                        + " CPU per message %.2f x bare, %.2f x Spring%n", kit.name(),
                        k.messagesPerSecond() / bare.messagesPerSecond(),
                        k.messagesPerSecond() / spring.messagesPerSecond(), k.jvmCpuPer1000() / bare.jvmCpuPer1000(),
                        k.jvmCpuPer1000() / spring.jvmCpuPer1000());
            }
        }
    }

    private static Result measure(SqsAsyncClient sqs, LocalFauxqs fauxqs, QueueDrain drain, String body,
            Map<String, MessageAttributeValue> attributes, int messages) throws Exception {
        String queue = "bench-" + UUID.randomUUID();
        String url = sqs.createQueue(r -> r.queueName(queue)).join().queueUrl();
        preload(sqs, url, body, attributes, messages);
        long jvmCpu = OS.getProcessCpuTime();
        double emulatorCpu = cpuSeconds(fauxqs.pid());
        CALLS.ifPresent(CallLatencies::reset);
        long start = System.nanoTime();
        AutoCloseable stop = drain.drain(queue, url, messages);
        double seconds = (System.nanoTime() - start) / 1e9;
        CALLS.ifPresent(calls -> System.out.print(drain.name() + ":\n" + calls.summary(seconds)));
        double jvmSeconds = (OS.getProcessCpuTime() - jvmCpu) / 1e9;
        double emulatorSeconds = cpuSeconds(fauxqs.pid()) - emulatorCpu;
        stop.close();
        sqs.deleteQueue(r -> r.queueUrl(url)).join();
        return new Result(messages / seconds, jvmSeconds * 1000 / messages, emulatorSeconds * 1000 / messages);
    }

    /** A booking request as the relay publishes it: with a correlation id and a trace parent. */
    private static EventEnvelope realEvent() {
        EventEnvelope sample = SampleEvents.bookingRequestedEvent("ACME-001", "499.90", "EUR");
        return new EventEnvelope(sample.id(), sample.source(), sample.type(), sample.time(), sample.subject(),
                UUID.randomUUID().toString(), "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                sample.data());
    }

    private static Map<String, MessageAttributeValue> attributes(EventEnvelope event) {
        Map<String, MessageAttributeValue> attributes = new HashMap<>();
        MessageAttributes.of(event).forEach((name, value) -> attributes.put(name,
                MessageAttributeValue.builder().dataType("String").stringValue(value).build()));
        return attributes;
    }

    private static void preload(SqsAsyncClient sqs, String url, String body,
            Map<String, MessageAttributeValue> attributes, int messages) {
        List<CompletableFuture<?>> calls = new ArrayList<>();
        for (int from = 0; from < messages; from += 10) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = from; i < Math.min(messages, from + 10); i++) {
                entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i)).messageBody(body)
                        .messageAttributes(attributes).build());
            }
            calls.add(sqs.sendMessageBatch(r -> r.queueUrl(url).entries(entries)));
            if (calls.size() == 32) {
                CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
                calls.clear();
            }
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
    }

    private static double median(List<Result> results, ToDoubleFunction<Result> value) {
        double[] sorted = results.stream().mapToDouble(value).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /**
     * Pins every thread of the emulator to {@code emulatorCore} and every thread of this JVM to the other cores; the
     * threads started later inherit their starter's cores. Called before the clients and Vert.x are built, so that
     * their thread pools are sized for the cores this JVM keeps.
     */
    private static String splitCores(int emulatorCore, long emulatorPid) {
        int cores = Runtime.getRuntime().availableProcessors();
        if (emulatorCore < 0 || emulatorCore >= cores || cores < 2) {
            throw new IllegalArgumentException("bench.emulator-core: " + emulatorCore + " is not one of " + cores
                    + " cores, or there is no other core for this JVM");
        }
        String others = IntStream.range(0, cores).filter(core -> core != emulatorCore).mapToObj(Integer::toString)
                .collect(Collectors.joining(","));
        taskset(Integer.toString(emulatorCore), emulatorPid);
        taskset(others, ProcessHandle.current().pid());
        return "emulator on core " + emulatorCore + ", this JVM on " + others;
    }

    private static void taskset(String cores, long pid) {
        try {
            Process taskset = new ProcessBuilder("taskset", "--all-tasks", "--cpu-list", "--pid", cores,
                    Long.toString(pid)).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (taskset.waitFor() != 0) {
                throw new IllegalStateException("taskset to cores " + cores + " for " + pid + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("bench.emulator-core needs taskset (util-linux)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** User and system CPU of a process, from /proc (Linux clock ticks are 1/100 s). */
    private static double cpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }

    private static String loadAverage() throws IOException {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return fields[0] + " " + fields[1] + " " + fields[2];
    }
}
