package com.flightbooking.localinfra;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A packaged Quarkus app ({@code target/quarkus-app/quarkus-run.jar}) running as a child JVM in the local profile
 * with the given configuration, its output forwarded line by line. {@link #start} returns once the app reports ready.
 * Which Java runs it, and with which ahead-of-time cache, is {@link AppJvm}'s choice.
 */
public final class AppProcess implements AutoCloseable {

    /** The apps' configuration profile for the local infrastructure (see their application.properties). */
    public static final String LOCAL_PROFILE = "local";

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final int LAST_LINES_KEPT = 40;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private static final AppJvm JVM = AppJvm.detect();
    /** A training run writes its AOT cache as it exits: the JVM assembles it in a second process, and waits for it. */
    private static final Duration TRAINING_EXIT_TIMEOUT = Duration.ofMinutes(3);

    private final String name;
    private final Process process;
    private final AppPorts ports;
    private final Thread output;
    private final Optional<AppJvm.Training> training;
    /** The app's last lines, for the exception when it dies during startup (its output may go nowhere visible). */
    private final Deque<String> lastLines;
    private final String runtime;

    private AppProcess(String name, Process process, AppPorts ports, Thread output,
            Optional<AppJvm.Training> training, Deque<String> lastLines, String runtime) {
        this.name = name;
        this.process = process;
        this.ports = ports;
        this.output = output;
        this.training = training;
        this.lastLines = lastLines;
        this.runtime = runtime;
    }

    public static AppProcess start(String name, Path quarkusRunJar, AppPorts ports, Map<String, String> config,
            Consumer<String> output) {
        if (!Files.isRegularFile(quarkusRunJar)) {
            throw new IllegalStateException(quarkusRunJar + " does not exist: build it first (./mvnw install -DskipTests)");
        }
        List<String> command = new ArrayList<>(OwnSession.prefix());
        List<String> options = new ArrayList<>();
        options.add("-Xmx256m");
        // The local profile points the app at the local infrastructure; config overrides only what varies per run.
        options.add("-Dquarkus.profile=" + LOCAL_PROFILE);
        options.add("-Dquarkus.http.port=" + ports.http());
        options.add("-Dquarkus.management.port=" + ports.management());
        config.forEach((key, value) -> options.add("-D" + key + "=" + value));
        AppJvm.Launch launch = JVM.launch(quarkusRunJar, options);
        command.addAll(launch.command());
        output.accept("Running on " + launch.description());
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name, e);
        }
        Deque<String> lastLines = new ArrayDeque<>();
        Thread pump = new Thread(() -> forward(process, line -> {
            synchronized (lastLines) {
                if (lastLines.size() == LAST_LINES_KEPT) {
                    lastLines.removeFirst();
                }
                lastLines.addLast(line);
            }
            output.accept(line);
        }), name + "-output");
        pump.setDaemon(true);
        pump.start();
        AppProcess app = new AppProcess(name, process, ports, pump, launch.training(), lastLines,
                launch.description());
        app.awaitReady();
        return app;
    }

    public String name() {
        return name;
    }

    /** Which Java runs it, with which AOT cache and packaging: for a benchmark's report. */
    public String runtime() {
        return runtime;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The API. */
    public String url() {
        return "http://127.0.0.1:" + ports.http();
    }

    /** The management interface: health ({@code /q/health}) and metrics ({@code /q/metrics}). */
    public String managementUrl() {
        return "http://127.0.0.1:" + ports.management();
    }

    /** Ends the app like {@code kill -9}: no shutdown hooks, nothing flushed (and no AOT cache written). */
    public void kill() {
        process.destroyForcibly();
        waitForExit(Duration.ofSeconds(10));
        training.ifPresent(AppJvm.Training::abandon);
    }

    /** Graceful stop (SIGTERM), forcibly after 30 seconds (3 minutes for a training run writing its AOT cache). */
    @Override
    public void close() {
        // Through the handle: Process.destroy() would also close the pipe and lose the app's last log lines.
        process.toHandle().destroy();
        if (waitForExit(training.isPresent() ? TRAINING_EXIT_TIMEOUT : Duration.ofSeconds(30))) {
            training.ifPresent(AppJvm.Training::complete);
        } else {
            process.toHandle().destroyForcibly();
            waitForExit(Duration.ofSeconds(10));
            // Stopped while the cache was being written: what it left is no cache to start from.
            training.ifPresent(AppJvm.Training::abandon);
        }
        // The last lines (how the app shut down) are still in the pipe when it exits.
        try {
            output.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean waitForExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        HttpRequest ready = HttpRequest.newBuilder(URI.create(managementUrl() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        try {
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    // Its last lines say why; they are all read once the output pump ends with the process.
                    output.join(Duration.ofSeconds(5).toMillis());
                    throw new IllegalStateException(name + " exited with code " + process.exitValue()
                            + " during startup; its last lines:\n" + lastLines());
                }
                try {
                    if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return;
                    }
                } catch (IOException notListeningYet) {
                    // Starting up: keep polling until the deadline.
                }
                // Returns early, and so ends the wait, if the app dies.
                process.waitFor(200, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting " + name, e);
        }
        close();
        throw new IllegalStateException(name + " was not ready within " + READY_TIMEOUT);
    }

    private String lastLines() {
        synchronized (lastLines) {
            return String.join("\n", lastLines);
        }
    }

    private static void forward(Process process, Consumer<String> output) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            reader.lines().forEach(output);
        } catch (IOException | UncheckedIOException ended) {
            // The process closed its output: it is exiting.
        }
    }
}
