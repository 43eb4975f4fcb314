package com.flightbooking.localinfra;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Where local tools are cached and how they are installed. */
final class LocalTools {

    private LocalTools() {
    }

    /** {@code $FLIGHTS_TOOLS_CACHE}, else {@code $XDG_CACHE_HOME/flight-booking}, else {@code ~/.cache/flight-booking}. */
    static Path cacheDirectory() {
        String explicit = System.getenv("FLIGHTS_TOOLS_CACHE");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("flight-booking");
    }

    static void run(Path directory, Consumer<String> log, String... command) {
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .start();
            process.getOutputStream().close();
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                reader.lines().forEach(line -> log.accept("  " + line));
            }
            int exit = process.waitFor();
            if (exit != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed with exit code " + exit
                        + " in " + directory);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + List.of(command) + " (is it installed and on the PATH?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted: " + List.of(command), e);
        }
    }

    static boolean systemNodeAtLeast(int major, int minor) {
        try {
            Process process = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            String version = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            process.waitFor();
            Matcher matcher = Pattern.compile("v(\\d+)\\.(\\d+)").matcher(version);
            if (!matcher.find()) {
                return false;
            }
            int foundMajor = Integer.parseInt(matcher.group(1));
            int foundMinor = Integer.parseInt(matcher.group(2));
            return foundMajor > major || (foundMajor == major && foundMinor >= minor);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
